//! Procedure guides and the jargon decoder (feature `knowledge`): the shipped guides and
//! glossary, the `GuideBook` and `Glossary` classes that override and extend them, and
//! trip estimates that take hospital nights from a guide.
//!
//! `explain` counts `start`/`end` in UTF-16 code units, the indices of JS strings, so
//! `text.slice(m.start, m.end) === m.text` (the core counts them, see `OffsetUnit`).

use medjourney::knowledge::{
    explain_in, FitToFly, Glossary as CoreGlossary, GuideBook as CoreGuideBook, OffsetUnit,
    ProcedureGuide,
};
use medjourney::{ConvertOptions, LineItem, Quote};
use wasm_bindgen::prelude::*;

use crate::convert::{self, from_js, opt_arg, throw, to_js, ConvertOptionsArg, JsResult};
use crate::matching::Catalog;
use crate::money::FxTable;

/// Procedure guides in force: the shipped ones, your overrides, and the fit-to-fly table
/// they are tied to. `new GuideBook()` is the shipped book; `estimateTrip` takes hospital
/// nights from the book's guides.
#[wasm_bindgen]
pub struct GuideBook {
    inner: CoreGuideBook,
}

#[wasm_bindgen]
impl GuideBook {
    /// The shipped guides and fit-to-fly table.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsResult<GuideBook> {
        Ok(GuideBook {
            inner: CoreGuideBook::standard().map_err(throw)?,
        })
    }

    /// A book from its JSON shape (every field optional: missing ones keep the shipped
    /// data), checked against the fit-to-fly table.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "Partial<GuideBookJson>")] book: JsValue,
    ) -> JsResult<GuideBook> {
        Ok(GuideBook {
            inner: from_js(book, "guide book")?,
        })
    }

    /// The guide for a procedure code or one of its aliases; throws `unknown_procedure`.
    #[wasm_bindgen(unchecked_return_type = "ProcedureGuide")]
    pub fn guide(&self, code: &str) -> JsResult<JsValue> {
        to_js(&self.inner.guide(code).map_err(throw)?)
    }

    /// Every guide in force (overrides replacing shipped guides), by code.
    #[wasm_bindgen(js_name = guidesInForce, unchecked_return_type = "ProcedureGuide[]")]
    pub fn guides_in_force(&self) -> JsResult<JsValue> {
        to_js(&self.inner.guides_in_force().map_err(throw)?)
    }

    /// The fit-to-fly row in force for a category, or undefined.
    #[wasm_bindgen(js_name = fitToFlyRule, unchecked_return_type = "FitToFly | undefined")]
    pub fn fit_to_fly_rule(&self, category: &str) -> JsResult<JsValue> {
        match self.inner.fit_to_fly_rule(category) {
            Some(r) => to_js(r),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Replaces (or adds) the guide of its code, checked against the table.
    #[wasm_bindgen(js_name = overrideGuide)]
    pub fn override_guide(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ProcedureGuide")] guide: JsValue,
    ) -> JsResult<()> {
        let guide: ProcedureGuide = from_js(guide, "guide")?;
        self.inner.override_guide(guide).map_err(throw)
    }

    /// Replaces (or adds) the fit-to-fly row of its category.
    #[wasm_bindgen(js_name = overrideFitToFly)]
    pub fn override_fit_to_fly(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "FitToFly")] rule: JsValue,
    ) -> JsResult<()> {
        let rule: FitToFly = from_js(rule, "fit-to-fly rule")?;
        self.inner.override_fit_to_fly(rule).map_err(throw)
    }

    /// The procedure codes a catalog offers that have no guide in this book, sorted.
    #[wasm_bindgen(js_name = missingFor)]
    pub fn missing_for(&self, catalog: &Catalog) -> Vec<String> {
        self.inner.missing_for(catalog.core())
    }

    /// `estimateTrip`, with the hospital nights taken from this book's guide when the
    /// quote does not state them.
    #[wasm_bindgen(js_name = estimateTrip, unchecked_return_type = "TripEstimate")]
    pub fn estimate_trip(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Quote")] quote: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LineItem[]")] travel: JsValue,
        fx: &FxTable,
        currency: &str,
        options: Option<ConvertOptionsArg>,
    ) -> JsResult<JsValue> {
        estimate_with(&self.inner, quote, travel, fx, currency, options)
    }

    /// The book in its JSON shape.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "GuideBookJson")]
    pub fn to_json(&self) -> JsResult<JsValue> {
        to_js(&self.inner)
    }
}

/// Terms and word parts the jargon decoder reads; `new Glossary()` is the shipped one,
/// `extend` it with a clinic's own terms and call its `explain`.
#[wasm_bindgen]
pub struct Glossary {
    inner: CoreGlossary,
}

#[wasm_bindgen]
impl Glossary {
    /// The shipped glossary.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsResult<Glossary> {
        Ok(Glossary {
            inner: CoreGlossary::standard().map_err(throw)?,
        })
    }

    /// A glossary of your own from `{entries, roots, suffixes}` (each list optional; missing
    /// lists are empty: `extend` the shipped glossary with it).
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "Partial<GlossaryJson>")] glossary: JsValue,
    ) -> JsResult<Glossary> {
        Ok(Glossary {
            inner: from_js(glossary, "glossary")?,
        })
    }

    /// Adds another glossary's entries and word parts (a `Glossary` or its JSON shape); on
    /// the same spelling, theirs win.
    pub fn extend(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Glossary | Partial<GlossaryJson>")] other: JsValue,
    ) -> JsResult<()> {
        let other: CoreGlossary = from_js(other, "glossary")?;
        self.inner.extend(other).map_err(throw)
    }

    /// The entry for a term written any way the decoder accepts, or undefined.
    #[wasm_bindgen(unchecked_return_type = "GlossaryEntry | undefined")]
    pub fn lookup(&self, term: &str) -> JsResult<JsValue> {
        match self.inner.lookup(term) {
            Some(e) => to_js(e),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The entries, in order.
    #[wasm_bindgen(unchecked_return_type = "GlossaryEntry[]")]
    pub fn entries(&self) -> JsResult<JsValue> {
        to_js(self.inner.entries())
    }

    /// The word roots, in order.
    #[wasm_bindgen(unchecked_return_type = "WordRoot[]")]
    pub fn roots(&self) -> JsResult<JsValue> {
        to_js(self.inner.roots())
    }

    /// The word endings, in order.
    #[wasm_bindgen(unchecked_return_type = "WordSuffix[]")]
    pub fn suffixes(&self) -> JsResult<JsValue> {
        to_js(self.inner.suffixes())
    }

    /// The medical terms in `text` with their meanings from this glossary (UTF-16
    /// `start`/`end`, as `explain`).
    #[wasm_bindgen(unchecked_return_type = "TermMatch[]")]
    pub fn explain(&self, text: &str) -> JsResult<JsValue> {
        to_js(&explain_in(text, &self.inner, OffsetUnit::Utf16).map_err(throw)?)
    }

    /// The glossary in its JSON shape.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "GlossaryJson")]
    pub fn to_json(&self) -> JsResult<JsValue> {
        to_js(&self.inner)
    }
}

/// The shipped guide for a procedure code or alias (`"TKR"`); throws `unknown_procedure`.
#[wasm_bindgen(js_name = procedureGuide, unchecked_return_type = "ProcedureGuide")]
pub fn procedure_guide(code: &str) -> JsResult<JsValue> {
    to_js(&medjourney::procedure_guide(code).map_err(throw)?)
}

/// Every shipped procedure guide, by code.
#[wasm_bindgen(js_name = procedureGuides, unchecked_return_type = "ProcedureGuide[]")]
pub fn procedure_guides() -> JsResult<JsValue> {
    to_js(&medjourney::procedure_guides().map_err(throw)?)
}

/// The procedure codes of a catalog with no shipped guide, sorted (a gap, not an error).
#[wasm_bindgen(js_name = proceduresWithoutGuide)]
pub fn procedures_without_guide(catalog: &Catalog) -> JsResult<Vec<String>> {
    medjourney::procedures_without_guide(catalog.core()).map_err(throw)
}

/// The medical terms in `text` with their plain meanings, from the shipped glossary
/// (`glossary.explain(text)` uses another). `start`/`end` are UTF-16 indices:
/// `text.slice(m.start, m.end) === m.text`.
#[wasm_bindgen(unchecked_return_type = "TermMatch[]")]
pub fn explain(text: &str) -> JsResult<JsValue> {
    to_js(
        &CoreGlossary::shipped()
            .and_then(|g| explain_in(text, g, OffsetUnit::Utf16))
            .map_err(throw)?,
    )
}

/// `estimateTrip`, with the hospital nights taken from the shipped procedure guide when
/// the quote does not state them (`guideBook.estimateTrip(...)` uses another book).
#[wasm_bindgen(js_name = estimateTripWithGuides, unchecked_return_type = "TripEstimate")]
pub fn estimate_trip_with_guides(
    #[wasm_bindgen(unchecked_param_type = "Quote")] quote: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LineItem[]")] travel: JsValue,
    fx: &FxTable,
    currency: &str,
    options: Option<ConvertOptionsArg>,
) -> JsResult<JsValue> {
    let guides = CoreGuideBook::shipped().map_err(throw)?;
    estimate_with(guides, quote, travel, fx, currency, options)
}

/// `estimate_trip_with_guides` over plain JS arguments, with the book given.
fn estimate_with(
    guides: &CoreGuideBook,
    quote: JsValue,
    travel: JsValue,
    fx: &FxTable,
    currency: &str,
    options: Option<ConvertOptionsArg>,
) -> JsResult<JsValue> {
    let quote: Quote = from_js(quote, "quote")?;
    let travel: Vec<LineItem> = from_js(travel, "travel")?;
    let currency = convert::currency(currency, "currency")?;
    let options: ConvertOptions = opt_arg(options, "options")?;
    to_js(
        &medjourney::estimate_trip_with_guides(
            &quote,
            &travel,
            fx.core(),
            currency,
            &options,
            guides,
        )
        .map_err(throw)?,
    )
}
