//! The procedure guides in force: the shipped ones, the caller's overrides, and the
//! fit-to-fly table they are tied to.
//!
//! The guides ship as JSON data in the crate (`guides.json`), each with its sources. The
//! fit-to-fly figures are read from the itinerary's own table (`itinerary/fit_to_fly.json`),
//! so a guide can never disagree with the itinerary checks. JSON shape of [`GuideBook`]
//! (every field optional; missing fields take the shipped data; a field it does not have is
//! refused with `unknown_field`):
//!
//! ```json
//! {"guides": [...], "fitToFly": [...],
//!  "overrides": [{"code": "knee_replacement", "plainName": "...", ...}],
//!  "fitToFlyOverrides": [{"category": "hip_or_knee_replacement", "minDays": 14, "source": "our surgeon"}]}
//! ```
//!
//! Overrides win over the shipped rows with the same code (or category), so a caller can
//! replace one guide, or add one for a procedure we do not ship, without restating the rest.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::guide::{FitToFly, ProcedureGuide};
use super::source::clip;
use crate::error::{Error, Result};
use crate::matching::Catalog;
use crate::options::Strict;

/// The shipped procedure guides (JSON text).
pub const GUIDES_JSON: &str = include_str!("guides.json");
/// The fit-to-fly table the guides are tied to: the itinerary's own file (JSON text).
pub const FIT_TO_FLY_JSON: &str = include_str!("../itinerary/fit_to_fly.json");

/// Procedure guides and the fit-to-fly table they are checked against; `Default` (and
/// [`GuideBook::standard`]) is the shipped data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object, rename = "GuideBookJson")
)]
#[serde(rename_all = "camelCase", default, remote = "Self")]
pub struct GuideBook {
    /// The shipped guides.
    pub guides: Vec<ProcedureGuide>,
    /// The fit-to-fly table.
    pub fit_to_fly: Vec<FitToFly>,
    /// Guides that replace the shipped guide of the same code, or add a procedure.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<ProcedureGuide>,
    /// Rows that replace the table's row of the same category, or add a category.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fit_to_fly_overrides: Vec<FitToFly>,
}

// Strict like the option structs (an unknown field is `unknown_field`), and checked as it is
// read: every way in (JSON, a Python dict, a JS object) gets the book `from_json` gives.
impl Serialize for GuideBook {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        GuideBook::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for GuideBook {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        GuideBook::deserialize(Strict(d))?
            .checked_book()
            .map_err(Error::into_de)
    }
}

#[derive(Deserialize)]
struct Shipped<T> {
    #[serde(alias = "rules")]
    guides: Vec<T>,
}

fn shipped() -> &'static Result<GuideBook> {
    static BOOK: OnceLock<Result<GuideBook>> = OnceLock::new();
    BOOK.get_or_init(|| {
        let table: Shipped<FitToFly> = crate::json::from_str(FIT_TO_FLY_JSON)
            .map_err(|e| Error::json("fit-to-fly table", &e))?;
        let guides: Shipped<ProcedureGuide> =
            crate::json::from_str(GUIDES_JSON).map_err(|e| Error::json("procedure guides", &e))?;
        for r in &table.guides {
            validate_rule(r)?;
        }
        let mut book = GuideBook {
            guides: Vec::new(),
            fit_to_fly: table.guides,
            overrides: Vec::new(),
            fit_to_fly_overrides: Vec::new(),
        };
        for g in guides.guides {
            let g = book.checked(g, "guides")?;
            book.guides.push(g);
        }
        Ok(book)
    })
}

impl Default for GuideBook {
    fn default() -> Self {
        // The shipped data is parsed by a test, so this cannot come out empty in a release.
        GuideBook::standard().unwrap_or_else(|_| GuideBook {
            guides: Vec::new(),
            fit_to_fly: Vec::new(),
            overrides: Vec::new(),
            fit_to_fly_overrides: Vec::new(),
        })
    }
}

/// Folds a code, alias or name for lookup: lowercase, every run of other characters one `_`.
fn lookup_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

impl GuideBook {
    /// The shipped guides and fit-to-fly table (parsed once per process).
    pub fn standard() -> Result<GuideBook> {
        shipped().clone()
    }

    /// The shipped book itself, without copying it (what `procedure_guide` reads).
    pub fn shipped() -> Result<&'static GuideBook> {
        shipped().as_ref().map_err(Clone::clone)
    }

    /// The book given, else the shipped one: what a call with an optional book reads
    /// (`estimate_trip_with_guides` from Python or JS without `guides`).
    pub fn or_shipped(given: Option<&GuideBook>) -> Result<&GuideBook> {
        match given {
            Some(book) => Ok(book),
            None => GuideBook::shipped(),
        }
    }

    /// Reads a guide book; missing fields keep the shipped guides and table. Every guide and
    /// override is checked against the table (see [`ProcedureGuide::validate`]), as every
    /// deserialization of a `GuideBook` does.
    pub fn from_json(text: &str) -> Result<GuideBook> {
        crate::json::from_str(text).map_err(|e| Error::json("guide book", &e))
    }

    /// The book with its rows and guides checked, each guide's `fitToFly` filled from the
    /// table and its schedule in day order.
    fn checked_book(self) -> Result<GuideBook> {
        let raw = self;
        let mut book = GuideBook {
            guides: Vec::with_capacity(raw.guides.len()),
            fit_to_fly: raw.fit_to_fly,
            overrides: Vec::with_capacity(raw.overrides.len()),
            fit_to_fly_overrides: raw.fit_to_fly_overrides,
        };
        for r in book.fit_to_fly.iter().chain(&book.fit_to_fly_overrides) {
            validate_rule(r)?;
        }
        for g in raw.guides {
            let g = book.checked_read(g, "guides")?;
            book.guides.push(g);
        }
        for g in raw.overrides {
            let g = book.checked_read(g, "overrides")?;
            book.overrides.push(g);
        }
        Ok(book)
    }

    /// A guide read with a book: checked against the row in force, or else against its
    /// category's row in the book's own table. A guide that agreed with the table before a
    /// stricter row overrode it reads back as it was written (it keeps that row's figures as
    /// its `fitToFly`); [`GuideBook::guide`] lengthens its stay to the row in force.
    fn checked_read(&self, guide: ProcedureGuide, what: &str) -> Result<ProcedureGuide> {
        let in_force = match self.checked(guide.clone(), what) {
            Ok(g) => return Ok(g),
            Err(e) => e,
        };
        let table_row = self
            .fit_to_fly
            .iter()
            .rev()
            .find(|r| r.category == guide.fit_to_fly_category);
        match table_row {
            Some(rule) if guide.validate(rule, "").is_ok() => {
                let mut guide = guide;
                guide.fit_to_fly = Some(rule.clone());
                guide.sort_schedule();
                Ok(guide)
            }
            _ => Err(in_force),
        }
    }

    /// The fit-to-fly row in force for a category (overrides first).
    pub fn fit_to_fly_rule(&self, category: &str) -> Option<&FitToFly> {
        self.fit_to_fly_overrides
            .iter()
            .rev()
            .chain(self.fit_to_fly.iter().rev())
            .find(|r| r.category == category)
    }

    /// Replaces (or adds) the guide of `guide.code`, after checking it against the table
    /// (its `fitToFly` is filled from the table).
    pub fn override_guide(&mut self, guide: ProcedureGuide) -> Result<()> {
        let guide = self.checked(guide, "override")?;
        self.overrides.retain(|g| g.code != guide.code);
        self.overrides.push(guide);
        Ok(())
    }

    /// Replaces (or adds) the fit-to-fly row of `rule.category`. Guides of that category then
    /// stay near the clinic at least as long as the new row asks (see [`GuideBook::guide`]).
    pub fn override_fit_to_fly(&mut self, rule: FitToFly) -> Result<()> {
        validate_rule(&rule)?;
        self.fit_to_fly_overrides
            .retain(|r| r.category != rule.category);
        self.fit_to_fly_overrides.push(rule);
        Ok(())
    }

    /// The stored guide for a code, or for an alias or plain name spelled in any case with
    /// spaces or hyphens (`"Total knee arthroplasty"`), overrides first.
    fn find(&self, code: &str) -> Option<&ProcedureGuide> {
        let all = || self.overrides.iter().rev().chain(self.guides.iter().rev());
        if let Some(g) = all().find(|g| g.code == code) {
            return Some(g);
        }
        let key = lookup_key(code);
        if key.is_empty() {
            return None;
        }
        all().find(|g| {
            g.code == key
                || lookup_key(&g.plain_name) == key
                || g.aliases.iter().any(|a| lookup_key(a) == key)
        })
    }

    /// The guide for a procedure code (or one of its aliases), with the fit-to-fly row in
    /// force filled in. When an overridden row asks for more days than the guide's stay near
    /// the clinic, the stay is lengthened to match: the stricter rule wins.
    pub fn guide(&self, code: &str) -> Result<ProcedureGuide> {
        let found = self
            .find(code)
            .ok_or_else(|| Error::UnknownProcedure { code: clip(code) })?;
        self.resolved(found.clone())
    }

    /// Every guide in force (overrides replacing shipped guides of the same code), by code.
    pub fn guides_in_force(&self) -> Result<Vec<ProcedureGuide>> {
        // Later rows win: overrides over shipped guides, and the last of equal codes.
        let mut by_code: BTreeMap<&str, &ProcedureGuide> = BTreeMap::new();
        for g in self.guides.iter().chain(&self.overrides) {
            by_code.insert(g.code.as_str(), g);
        }
        by_code
            .into_values()
            .map(|g| self.resolved(g.clone()))
            .collect()
    }

    /// The procedure codes a catalog offers that have no guide here, sorted. A missing guide
    /// is not an error: the planner then asks the clinic instead.
    pub fn missing_for(&self, catalog: &Catalog) -> Vec<String> {
        // One index of every code, name and alias, so the check stays linear in the sizes
        // of the catalog and the book.
        let mut known: HashSet<String> = HashSet::new();
        for g in self.guides.iter().chain(&self.overrides) {
            known.insert(g.code.clone());
            known.insert(lookup_key(&g.code));
            known.insert(lookup_key(&g.plain_name));
            known.extend(g.aliases.iter().map(|a| lookup_key(a)));
        }
        known.remove("");
        catalog
            .procedures()
            .into_iter()
            .filter(|c| !known.contains(*c) && !known.contains(&lookup_key(c)))
            .map(str::to_string)
            .collect()
    }

    fn resolved(&self, mut guide: ProcedureGuide) -> Result<ProcedureGuide> {
        let rule = self
            .fit_to_fly_rule(&guide.fit_to_fly_category)
            .ok_or_else(|| unknown_category(&guide))?;
        let advised = rule.advised_days.unwrap_or(rule.min_days);
        let near = &mut guide.days_near_clinic;
        near.min = near.min.max(rule.min_days);
        near.max = near.max.max(advised).max(near.min);
        guide.fit_to_fly = Some(rule.clone());
        Ok(guide)
    }

    /// A guide checked against the table in force, with `fitToFly` filled and its schedule
    /// in day order.
    fn checked(&self, mut guide: ProcedureGuide, what: &str) -> Result<ProcedureGuide> {
        let field = format!("{what}[{}]", clip(&guide.code));
        let rule = self
            .fit_to_fly_rule(&guide.fit_to_fly_category)
            .ok_or_else(|| unknown_category(&guide))?;
        guide.validate(rule, &field)?;
        guide.fit_to_fly = Some(rule.clone());
        guide.sort_schedule();
        Ok(guide)
    }
}

fn unknown_category(guide: &ProcedureGuide) -> Error {
    Error::invalid(
        format!("{}.fitToFlyCategory", clip(&guide.code)),
        format!(
            "{:?} is not a category of the fit-to-fly table; add its row to fitToFlyOverrides",
            clip(&guide.fit_to_fly_category)
        ),
    )
}

fn validate_rule(rule: &FitToFly) -> Result<()> {
    if !super::guide::is_code(&rule.category) {
        return Err(Error::invalid(
            "fitToFly.category",
            format!("{:?} is not a snake_case category", clip(&rule.category)),
        ));
    }
    if rule.source.trim().is_empty() {
        return Err(Error::invalid(
            format!("fitToFly[{}].source", rule.category),
            "is empty",
        ));
    }
    let max = super::guide::MAX_GUIDE_DAYS;
    if rule.min_days > max
        || rule
            .advised_days
            .is_some_and(|a| a < rule.min_days || a > max)
    {
        return Err(Error::invalid(
            format!("fitToFly[{}]", rule.category),
            format!("needs minDays ≤ advisedDays ≤ {max}"),
        ));
    }
    Ok(())
}
