
// ---- the receiver check, appended to wasm-bindgen's glue by wasm/build.sh (wasm/receivers.js)
//
// wasm-bindgen's methods, getters and setters hand `this.__wbg_ptr` to wasm without asking
// what `this` is: a freed object throws a bare "null pointer passed to rust", a method
// taken from its object and called alone a bare TypeError, and another class's object
// given as `this` (`FxTable.prototype.convert.call(catalog)`) is read as the wrong type in
// wasm memory. Here every member of every exported class's prototype is wrapped: it runs
// only on a live instance of its own class and otherwise throws the core's error, made by
// the module's `__receiverError` (`freed_object` or `invalid_receiver`); `free()` of an
// object already freed does nothing.
//
// An instance is recognised by what the glue itself does when it makes one: it registers
// it with the class's FinalizationRegistry (module-private, so only the glue can). That is
// recorded here, out of reach of the page's code, and the instance's `__wbg_ptr` becomes an
// accessor that reads the record: it cannot be set to another pointer (only to 0, which is
// how the glue frees), and it reads 0 on an object whose prototype chain no longer has its
// class's prototype, so a class argument checked by its prototype (`convert::instance`)
// cannot be another class's object under a borrowed prototype.
function __mj_guardReceivers(classes, receiverError) {
    "use strict";
    /** Every object the glue made: its class, its class's name and its pointer (0 once freed). */
    const made = new WeakMap();
    const readPtr = function () {
        const s = made.get(this);
        return s !== undefined && s.cls.prototype.isPrototypeOf(this) ? s.ptr : 0;
    };
    const writePtr = function (value) {
        const s = made.get(this);
        if (s !== undefined && value === 0) s.ptr = 0;
    };
    for (const [cls, registry] of classes) {
        const className = cls.name;
        const register = registry.register;
        registry.register = function (obj, ptr, token) {
            made.set(obj, { cls, name: className, ptr });
            Object.defineProperty(obj, "__wbg_ptr", { get: readPtr, set: writePtr, enumerable: false, configurable: false });
            return register.call(registry, obj, ptr, token);
        };
        // `free` and `[Symbol.dispose]` are one function: they stay one.
        const guarded = new Map();
        const guard = (f, member) => {
            if (guarded.has(f)) return guarded.get(f);
            const isFree = member === "free";
            const g = function (...args) {
                const s = made.get(this);
                if (s === undefined || s.cls !== cls || !cls.prototype.isPrototypeOf(this)) {
                    throw receiverError(className, member, this, false, s === undefined ? undefined : s.name);
                }
                if (s.ptr === 0) {
                    if (isFree) return undefined;
                    throw receiverError(className, member, this, true, undefined);
                }
                return f.apply(this, args);
            };
            Object.defineProperty(g, "name", { value: f.name });
            Object.defineProperty(g, "length", { value: f.length });
            guarded.set(f, g);
            return g;
        };
        const proto = cls.prototype;
        for (const key of Reflect.ownKeys(proto)) {
            if (key === "constructor") continue;
            const d = Object.getOwnPropertyDescriptor(proto, key);
            const member = typeof key === "symbol" ? `[${key.description}]` : key;
            if (typeof d.value === "function") d.value = guard(d.value, member);
            if (typeof d.get === "function") d.get = guard(d.get, member);
            if (typeof d.set === "function") d.set = guard(d.set, member);
            Object.defineProperty(proto, key, d);
        }
    }
}
