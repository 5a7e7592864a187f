//! Writes the benchmark data sets to files so the Python and JS benchmarks read exactly
//! the inputs the Rust benches use, plus the core's answers to check theirs against.
//!
//! Usage: `gen [OUT_DIR] [--sizes 1000,100000,1000000]` (default `bench-data`, all sizes).
//!
//! Layout (every array is raw little-endian, no header; read with
//! `numpy.fromfile(path, dtype="<f8")` or `new Float64Array(buffer)`):
//! ```text
//! OUT_DIR/manifest.json              seeds, sizes, currencies, criteria, files, answers
//! OUT_DIR/fx.json                    the FxTable (JSON shape of FxTable::to_json)
//! OUT_DIR/line_items/N/currency.u8   index into manifest.currencies
//! OUT_DIR/line_items/N/minor.i64     amount in the currency's minor units
//! OUT_DIR/criteria/N/matrix.f64      N × 8, row major
//! OUT_DIR/journeys/N/<column>.<type> the JourneyTable columns (snake_case names;
//!                                    visit_left uses i64::MIN for open visits,
//!                                    touch_sentiment NaN for unrated)
//! OUT_DIR/journeys/N/journey_map.json the core's journey map (MapOptions::default())
//! ```

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use medjourney::{journey_map_columns, ConvertOptions, Currency, MapOptions, RoundingMode};
use medjourney_benches::{
    criteria_matrix, currencies, fx_table, journey_table, line_item_columns, line_items, Dataset,
    CRITERIA_RANGES, CRITERIA_TYPES, CRITERIA_WEIGHTS, SEED, SIZES, TARGET_CURRENCY,
};
use serde_json::{json, Value};

type Res<T> = std::result::Result<T, String>;

fn write(path: &Path, bytes: &[u8]) -> Res<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn le<T: Copy, const W: usize>(values: &[T], to_le: impl Fn(T) -> [u8; W]) -> Vec<u8> {
    values.iter().flat_map(|&v| to_le(v)).collect()
}

fn parse_args() -> Res<(PathBuf, Vec<usize>)> {
    let mut out = PathBuf::from("bench-data");
    let mut sizes = SIZES.to_vec();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--sizes" {
            let list = args.next().ok_or("--sizes needs a comma-separated list")?;
            sizes = list
                .split(',')
                .map(|s| {
                    s.trim()
                        .parse::<usize>()
                        .map_err(|e| format!("size {s:?}: {e}"))
                })
                .collect::<Res<_>>()?;
        } else if a.starts_with('-') {
            return Err(format!("unknown option {a}"));
        } else {
            out = PathBuf::from(a);
        }
    }
    Ok((out, sizes))
}

fn line_item_files(out: &Path, n: usize) -> Res<Value> {
    let dir = out.join("line_items").join(n.to_string());
    let cols = line_item_columns(n);
    write(&dir.join("currency.u8"), &cols.currency)?;
    write(&dir.join("minor.i64"), &le(&cols.minor, i64::to_le_bytes))?;
    let fx = fx_table().map_err(|e| e.to_string())?;
    let to = Currency::from_code(TARGET_CURRENCY).map_err(|e| e.to_string())?;
    let items = line_items(n).map_err(|e| e.to_string())?;
    let sum = fx
        .convert_sum(&items, to, RoundingMode::HalfEven)
        .map_err(|e| e.to_string())?;
    let each = fx
        .convert_each(&items, to, &ConvertOptions::default())
        .map_err(|e| e.to_string())?;
    Ok(json!({
        "rows": n,
        "files": {
            "currency": format!("line_items/{n}/currency.u8"),
            "minor": format!("line_items/{n}/minor.i64"),
        },
        "convertSum": sum,
        "convertEachFirst": each.amounts.first(),
        "convertEachTotal": each.total,
    }))
}

fn criteria_files(out: &Path, n: usize) -> Res<Value> {
    let path = out.join("criteria").join(n.to_string()).join("matrix.f64");
    write(&path, &le(&criteria_matrix(n), f64::to_le_bytes))?;
    Ok(
        json!({"rows": n, "cols": CRITERIA_RANGES.len(), "files": {"matrix": format!("criteria/{n}/matrix.f64")}}),
    )
}

fn journey_files(out: &Path, n: usize) -> Res<Value> {
    let dir = out.join("journeys").join(n.to_string());
    let t = journey_table(n).map_err(|e| e.to_string())?;
    let mut files = serde_json::Map::new();
    let mut put = |name: &str, ty: &str, bytes: Vec<u8>| -> Res<()> {
        let file = format!("{name}.{ty}");
        write(&dir.join(&file), &bytes)?;
        files.insert(name.into(), json!(format!("journeys/{n}/{file}")));
        Ok(())
    };
    put("status", "u8", t.status.clone())?;
    put(
        "visit_journey",
        "u32",
        le(&t.visit_journey, u32::to_le_bytes),
    )?;
    put("visit_stage", "u8", t.visit_stage.clone())?;
    put(
        "visit_entered",
        "i64",
        le(&t.visit_entered, i64::to_le_bytes),
    )?;
    put("visit_left", "i64", le(&t.visit_left, i64::to_le_bytes))?;
    put(
        "touch_journey",
        "u32",
        le(&t.touch_journey, u32::to_le_bytes),
    )?;
    put("touch_stage", "u8", t.touch_stage.clone())?;
    put("touch_at", "i64", le(&t.touch_at, i64::to_le_bytes))?;
    put("touch_channel", "u8", t.touch_channel.clone())?;
    put("touch_kind", "u8", t.touch_kind.clone())?;
    put(
        "touch_sentiment",
        "f64",
        le(&t.touch_sentiment, f64::to_le_bytes),
    )?;
    put("need_journey", "u32", le(&t.need_journey, u32::to_le_bytes))?;
    put("need_stage", "u8", t.need_stage.clone())?;
    put("need_code", "u8", t.need_code.clone())?;
    put("need_met", "u8", t.need_met.clone())?;
    let map =
        journey_map_columns(&t.columns(), &MapOptions::default()).map_err(|e| e.to_string())?;
    write(
        &dir.join("journey_map.json"),
        map.to_json().map_err(|e| e.to_string())?.as_bytes(),
    )?;
    Ok(json!({
        "journeys": t.status.len(),
        "visits": t.visit_journey.len(),
        "events": t.touch_journey.len(),
        "needs": t.need_journey.len(),
        "files": files,
        "journeyMap": format!("journeys/{n}/journey_map.json"),
    }))
}

fn run() -> Res<PathBuf> {
    let (out, sizes) = parse_args()?;
    let fx = fx_table().map_err(|e| e.to_string())?;
    write(
        &out.join("fx.json"),
        fx.to_json().map_err(|e| e.to_string())?.as_bytes(),
    )?;
    let currencies: Vec<Value> = currencies()
        .map_err(|e| e.to_string())?
        .iter()
        .map(|c| json!({"code": c.code(), "minorUnits": c.minor_units()}))
        .collect();
    let (mut items, mut criteria, mut journeys) = (
        serde_json::Map::new(),
        serde_json::Map::new(),
        serde_json::Map::new(),
    );
    for &n in &sizes {
        eprintln!("gen: size {n}");
        items.insert(n.to_string(), line_item_files(&out, n)?);
        criteria.insert(n.to_string(), criteria_files(&out, n)?);
        journeys.insert(n.to_string(), journey_files(&out, n)?);
    }
    let manifest = json!({
        "generator": "splitmix64; see benches/src/lib.rs for every recipe",
        "seed": SEED,
        "seeds": {
            "lineItems": Dataset::LineItems.seed(),
            "criteria": Dataset::CriteriaMatrix.seed(),
            "catalog": Dataset::Catalog.seed(),
            "journeys": Dataset::Journeys.seed(),
        },
        "sizes": sizes,
        "endianness": "little",
        "currencies": currencies,
        "targetCurrency": TARGET_CURRENCY,
        "rounding": "half_even",
        "fx": "fx.json",
        "lineItems": items,
        "criteria": {
            "ranges": CRITERIA_RANGES,
            "weights": CRITERIA_WEIGHTS,
            "types": CRITERIA_TYPES,
            "sizes": criteria,
        },
        "journeys": journeys,
    });
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    write(&out.join("manifest.json"), text.as_bytes())?;
    Ok(out)
}

fn main() -> ExitCode {
    match run() {
        Ok(out) => {
            eprintln!("gen: wrote {}", out.join("manifest.json").display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::FAILURE
        }
    }
}
