//! Hard filters, soft criteria and the ranking itself.
//!
//! One pass over the procedure's columns applies every filter and fills a flat
//! `candidates × 8` matrix of raw criterion values (NaN where data is missing). Quality
//! and reviews are shrunk toward fixed priors, so every raw value comes from the
//! provider's own record and the request: no candidate moves another's raw values, and
//! the min–max scale is the only thing candidates share. Scores stream into a bounded
//! top-k buffer; only the returned matches get explanations and exact converted prices.

use chrono::NaiveDate;
use std::cmp::Ordering;

use super::catalog::{
    alpha2_index, day_number, is_alpha2, AccreditationBody, Amenity, Catalog, ProcColumn,
};
use super::mcdm::{normalize_weights, Plan};
use super::ratings::{shrunk_rate_bounds, Z_95_ONE_SIDED};
use super::request::{
    Criterion, CriterionScore, Exclusion, ExclusionReason, Match, Method, RankOptions, Ranking,
    Request, Weights,
};
use crate::error::{Error, Result};
use crate::money::{ConvertOptions, Currency, Money};
use crate::Decimal;

const COLS: usize = 8;
const COUNTRY_WORDS: usize = 11; // 26 × 26 two-letter codes
/// Average door-to-door speed of an airport transfer, to turn km into hours.
pub const TRANSFER_KMH: f64 = 50.0;

/// How one catalog currency reaches the request's currency.
#[derive(Clone, Copy)]
enum RateState {
    Unknown,
    Same,
    Rate(f64),
}

struct Filter {
    procedure_days: i32,
    allowed: Option<[u64; COUNTRY_WORDS]>,
    excluded: [u64; COUNTRY_WORDS],
    langs: Vec<u64>,
    lang_total: usize,
    need_mask: u8,
    want_mask: u8,
    required: u8,
    country_hours: Vec<f64>,
    id_hours: Vec<(u32, f64)>,
}

fn set_bit(words: &mut [u64], bit: usize) {
    if let Some(w) = words.get_mut(bit / 64) {
        *w |= 1 << (bit % 64);
    }
}

fn has_bit(words: &[u64], bit: usize) -> bool {
    words
        .get(bit / 64)
        .is_some_and(|w| w & (1 << (bit % 64)) != 0)
}

fn body_bit(b: AccreditationBody) -> u8 {
    1 << (b as u8)
}

fn check_request(request: &Request, options: &RankOptions) -> Result<Vec<f64>> {
    if request.procedure.trim().is_empty() {
        return Err(Error::invalid("procedure", "is empty"));
    }
    crate::dates::check_date("travelDate", request.travel_date)?;
    for (i, l) in request.languages.iter().enumerate() {
        if !is_alpha2(l, false) {
            return Err(Error::invalid(
                format!("languages[{i}]"),
                format!(
                    "{:?} is not a lowercase ISO 639-1 code",
                    l.chars().take(40).collect::<String>()
                ),
            ));
        }
    }
    for (field, list) in [
        ("allowedCountries", &request.allowed_countries),
        ("excludedCountries", &request.excluded_countries),
    ] {
        for (i, c) in list.iter().enumerate() {
            if !is_alpha2(c, true) {
                return Err(Error::invalid(
                    format!("{field}[{i}]"),
                    format!(
                        "{:?} is not an ISO 3166-1 alpha-2 code",
                        c.chars().take(40).collect::<String>()
                    ),
                ));
            }
        }
    }
    if let Some(b) = &request.budget {
        if b.is_negative() {
            return Err(Error::invalid("budget", format!("{b} is negative")));
        }
        if let Some(c) = request.currency {
            if c != b.currency() {
                return Err(Error::invalid(
                    "currency",
                    format!("{c} differs from the budget's currency {}", b.currency()),
                ));
            }
        }
    }
    for (k, h) in &request.travel_hours {
        if !(h.is_finite() && *h >= 0.0) {
            return Err(Error::invalid(
                format!("travelHours.{}", k.chars().take(40).collect::<String>()),
                format!("{h} is not a number of hours >= 0"),
            ));
        }
    }
    for (field, x) in [
        ("priorReviews", options.prior_reviews),
        ("priorCases", options.prior_cases),
    ] {
        if !(x.is_finite() && x >= 0.0) {
            return Err(Error::invalid(
                field,
                format!("{x} must be finite and >= 0"),
            ));
        }
    }
    let mean = options.prior_review_mean;
    if !(mean.is_finite() && (1.0..=5.0).contains(&mean)) {
        return Err(Error::invalid(
            "priorReviewMean",
            format!("{mean} is not a star rating from 1 to 5"),
        ));
    }
    for (code, prior) in &options.outcome_priors {
        prior.validate(&format!(
            "outcomePriors.{}",
            code.chars().take(40).collect::<String>()
        ))?;
    }
    if options.top_k == Some(0) {
        return Err(Error::invalid(
            "topK",
            "must be at least 1, or null for all",
        ));
    }
    normalize_weights(&request.weights.to_array())
}

impl Filter {
    fn new(catalog: &Catalog, request: &Request) -> Result<Filter> {
        let cols = &catalog.cols;
        let mut allowed = None;
        if !request.allowed_countries.is_empty() {
            let mut a = [0u64; COUNTRY_WORDS];
            for c in &request.allowed_countries {
                if let Some(i) = alpha2_index(c) {
                    set_bit(&mut a, usize::from(i));
                }
            }
            allowed = Some(a);
        }
        let mut excluded = [0u64; COUNTRY_WORDS];
        for c in &request.excluded_countries {
            if let Some(i) = alpha2_index(c) {
                set_bit(&mut excluded, usize::from(i));
            }
        }
        let mut langs = vec![0u64; cols.lang_words];
        let mut distinct: Vec<&str> = request.languages.iter().map(String::as_str).collect();
        crate::order::sort(&mut distinct);
        distinct.dedup();
        for l in &distinct {
            if let Some(id) = cols.languages.iter().position(|x| x == l) {
                set_bit(&mut langs, id);
            }
        }
        let need_mask = super::catalog::amenity_mask(&request.needs);
        let want_mask = need_mask | super::catalog::amenity_mask(&request.preferences);
        let required = request
            .required_accreditations
            .iter()
            .fold(0u8, |m, b| m | body_bit(*b));
        let mut country_hours = vec![f64::NAN; 26 * 26];
        let mut id_hours = Vec::new();
        for (k, h) in &request.travel_hours {
            if let Some(pos) = catalog.position(k) {
                id_hours.push((pos, *h));
            } else if is_alpha2(k, true) {
                if let Some(slot) =
                    alpha2_index(k).and_then(|i| country_hours.get_mut(usize::from(i)))
                {
                    *slot = *h;
                }
            } else {
                // A mistyped key would otherwise be ignored without a word.
                return Err(Error::invalid(
                    format!("travelHours.{}", k.chars().take(40).collect::<String>()),
                    "is neither a provider id in the catalog nor an ISO 3166-1 alpha-2 code",
                ));
            }
        }
        crate::order::sort_by_key(&mut id_hours, |(p, _)| *p);
        Ok(Filter {
            procedure_days: day_number(request.travel_date),
            allowed,
            excluded,
            langs,
            lang_total: distinct.len(),
            need_mask,
            want_mask,
            required,
            country_hours,
            id_hours,
        })
    }

    fn country_ok(&self, country: u16) -> bool {
        let c = usize::from(country);
        self.allowed.is_none_or(|a| has_bit(&a, c)) & !has_bit(&self.excluded, c)
    }

    fn spoken(&self, catalog: &Catalog, i: usize) -> u32 {
        let w = catalog.cols.lang_words;
        let bits = catalog.cols.lang_bits.get(i * w..i * w + w).unwrap_or(&[]);
        bits.iter()
            .zip(&self.langs)
            .map(|(a, b)| (a & b).count_ones())
            .sum()
    }

    fn accreditation(&self, catalog: &Catalog, i: usize) -> (bool, f64) {
        let cols = &catalog.cols;
        let (Some(&from), Some(&to)) = (cols.accr_start.get(i), cols.accr_start.get(i + 1)) else {
            return (self.required == 0, 0.0);
        };
        let mut ok = self.required == 0;
        let mut strength = 0.0_f64;
        for cell in cols.accr.get(from as usize..to as usize).unwrap_or(&[]) {
            if cell.from <= self.procedure_days && self.procedure_days <= cell.to {
                strength = strength.max(cell.body.strength());
                ok |= self.required & body_bit(cell.body) != 0;
            }
        }
        (ok, strength)
    }

    fn travel(&self, catalog: &Catalog, i: usize) -> f64 {
        let km = catalog.cols.airport_km.get(i).copied().unwrap_or(f64::NAN);
        let hours = if self.id_hours.is_empty() {
            None
        } else {
            self.id_hours
                .binary_search_by_key(&(i as u32), |(p, _)| *p)
                .ok()
                .and_then(|k| self.id_hours.get(k))
                .map(|(_, h)| *h)
        };
        let hours = hours.unwrap_or_else(|| {
            let c = catalog.cols.country.get(i).copied().unwrap_or(u16::MAX);
            let h = self
                .country_hours
                .get(usize::from(c))
                .copied()
                .unwrap_or(f64::NAN);
            if h.is_nan() {
                0.0
            } else {
                h
            }
        });
        hours + km / TRANSFER_KMH
    }
}

/// Prices of one procedure brought to the request's currency.
struct Pricer<'a> {
    catalog: &'a Catalog,
    options: &'a RankOptions,
    target: Option<Currency>,
    rates: Vec<RateState>,
    budget: Option<(Decimal, f64)>,
    /// True when the request names no currency and the first price fixed it.
    inferred: bool,
}

impl Pricer<'_> {
    /// Float rate from catalog currency `cur` to the target (the first priced row fixes
    /// the target when the request names no currency).
    fn rate(&mut self, cur: u16) -> Result<f64> {
        let idx = usize::from(cur);
        match self.rates.get(idx).copied() {
            Some(RateState::Same) => return Ok(1.0),
            Some(RateState::Rate(r)) => return Ok(r),
            _ => {}
        }
        let from = *self
            .catalog
            .cols
            .currencies
            .get(idx)
            .ok_or_else(|| Error::invalid("currency", "unknown catalog currency"))?;
        let target = *self.target.get_or_insert(from);
        let state = if from == target {
            RateState::Same
        } else if self.inferred {
            return Err(Error::invalid(
                "currency",
                format!("prices in {from} and {target} can only be compared in a currency the request names (budget or currency)"),
            ));
        } else {
            let c = self.options.fx.convert_with(
                &Money::new(Decimal::ONE, from),
                target,
                &ConvertOptions::default(),
            )?;
            RateState::Rate(super::catalog::to_f64(c.effective_rate))
        };
        if let Some(slot) = self.rates.get_mut(idx) {
            *slot = state;
        }
        Ok(match state {
            RateState::Rate(r) => r,
            _ => 1.0,
        })
    }

    /// Exact conversion of an amount in catalog currency `cur`, rounded half-even.
    fn exact(&self, amount: Decimal, cur: u16) -> Result<Option<Money>> {
        let (Some(from), Some(target)) = (
            self.catalog.cols.currencies.get(usize::from(cur)).copied(),
            self.target,
        ) else {
            return Ok(None);
        };
        Ok(Some(
            self.options.fx.convert(&Money::new(amount, from), target)?,
        ))
    }

    /// True when the row's lowest price is above the budget (exact at the boundary).
    fn over_budget(&mut self, col: &ProcColumn, r: usize) -> Result<bool> {
        let Some((budget, budget_f)) = self.budget else {
            return Ok(false);
        };
        let cur = col.currency.get(r).copied().unwrap_or(u16::MAX);
        if cur == u16::MAX {
            return Ok(false);
        }
        let rate = self.rate(cur)?;
        let est = col.price_low_f.get(r).copied().unwrap_or(f64::NAN) * rate;
        // Floats decide only far from the boundary (their error is ~1e-15 relative); near
        // it, and for any non-finite estimate, the exact decimal path does.
        let tol = 1e-9 * budget_f.abs().max(est.abs()) + 1e-6;
        // `|` rather than `||`: both sides are cheap, and one rarely-taken branch beats two
        // unpredictable ones on a random catalog.
        let far_over = est > budget_f + tol;
        if far_over | (est < budget_f - tol) {
            return Ok(far_over);
        }
        let low = col.price_low.get(r).copied().unwrap_or(Decimal::ZERO);
        if matches!(self.rates.get(usize::from(cur)), Some(RateState::Same)) {
            return Ok(low > budget);
        }
        Ok(self.exact(low, cur)?.is_some_and(|m| m.amount() > budget))
    }
}

/// Relative spread below which a criterion column counts as constant (all ones under
/// min–max): `max − min ≤ 1e-9 × max(|min|, |max|)`.
///
/// Values equal in exact arithmetic (one price in two currencies, travel hours summed in
/// another order) can differ in the last bits of a float; min–max would stretch that
/// noise to a full 0-to-1 gap. A real difference between providers is many orders of
/// magnitude above this (a cent in 10 million, a case in a billion).
pub const CONSTANT_COLUMN_TOLERANCE: f64 = 1e-9;

/// The fixed priors of the quality and reviews criteria, for one ranking.
struct Priors {
    success: f64,
    complication: f64,
    cases: f64,
    review_mean: f64,
    reviews: f64,
}

impl Priors {
    /// `s_low × (1 − c_high)`: each figure shrunk toward its prior and taken at its
    /// pessimistic bound. A figure not published has zero cases, so it scores exactly the
    /// prior's pessimistic bound; more successes (or fewer complications) never lower it.
    fn quality(&self, success: f64, success_n: f64, compl: f64, compl_n: f64) -> f64 {
        let (s, _) =
            shrunk_rate_bounds(success, success_n, self.success, self.cases, Z_95_ONE_SIDED);
        let (_, c) = shrunk_rate_bounds(
            compl,
            compl_n,
            self.complication,
            self.cases,
            Z_95_ONE_SIDED,
        );
        s * (1.0 - c)
    }

    /// `(Σstars + m·C)/(n + m)`, and exactly `C` without reviews.
    fn reviews(&self, sum: f64, n: f64) -> f64 {
        if n > 0.0 {
            (sum + self.reviews * self.review_mean) / (n + self.reviews)
        } else {
            self.review_mean
        }
    }
}

/// Ranks the catalog's providers for a request: filters with reasons, scores, explains.
///
/// Ties in score are broken by provider id (ascending), so the result does not depend on
/// catalog order. See [`Criterion`] for what each criterion measures.
pub fn rank(catalog: &Catalog, request: &Request, options: &RankOptions) -> Result<Ranking> {
    let weights = check_request(request, options)?;
    let filter = Filter::new(catalog, request)?;
    let target = request
        .currency
        .or_else(|| request.budget.as_ref().map(Money::currency));
    let mut pricer = Pricer {
        catalog,
        options,
        target,
        inferred: target.is_none(),
        rates: vec![RateState::Unknown; catalog.cols.currencies.len()],
        budget: request
            .budget
            .as_ref()
            .map(|b| (b.amount(), super::catalog::to_f64(b.amount()))),
    };
    let empty = ProcColumn::default();
    let col = catalog.cols.procs.get(&request.procedure).unwrap_or(&empty);
    let cols = &catalog.cols;

    let mut rows: Vec<u32> = Vec::with_capacity(col.provider.len());
    let mut matrix: Vec<f64> = Vec::with_capacity(col.provider.len().saturating_mul(COLS));
    let prior = options.outcome_prior(&request.procedure);
    let priors = Priors {
        success: prior.success_rate,
        complication: prior.complication_rate,
        cases: options.prior_cases,
        review_mean: options.prior_review_mean,
        reviews: options.prior_reviews,
    };
    for (r, &p) in col.provider.iter().enumerate() {
        let i = p as usize;
        let country = cols.country.get(i).copied().unwrap_or(u16::MAX);
        let amen = cols.amenities.get(i).copied().unwrap_or(0);
        let spoken = filter.spoken(catalog, i);
        let (accr_ok, strength) = filter.accreditation(catalog, i);
        let wait = col.wait.get(r).copied().unwrap_or(f64::NAN);
        let wait_ok = request
            .max_wait_days
            .is_none_or(|m| wait.is_nan() | (wait <= f64::from(m)));
        // The budget is checked even when another filter already failed, so a missing
        // rate is an error whatever else the provider fails.
        let over = pricer.over_budget(col, r)?;
        // Non-short-circuit `&`: every operand is already computed, and branch-free
        // combining avoids a misprediction per filter.
        let pass = filter.country_ok(country)
            & ((filter.lang_total == 0) | (spoken > 0))
            & (amen & filter.need_mask == filter.need_mask)
            & accr_ok
            & wait_ok
            & !over;
        if !pass {
            continue;
        }
        let cur = col.currency.get(r).copied().unwrap_or(u16::MAX);
        let price = if cur == u16::MAX {
            f64::NAN
        } else {
            col.price_mid_f.get(r).copied().unwrap_or(f64::NAN) * pricer.rate(cur)?
        };
        let language = if filter.lang_total == 0 {
            1.0
        } else {
            let interp = amen & super::catalog::Amenity::Interpreter.bit() != 0;
            let missing = filter.lang_total as f64 - f64::from(spoken);
            (f64::from(spoken) + if interp { 0.5 * missing } else { 0.0 })
                / filter.lang_total as f64
        };
        let amenities = if filter.want_mask == 0 {
            f64::from(amen.count_ones()) / 7.0
        } else {
            f64::from((amen & filter.want_mask).count_ones())
                / f64::from(filter.want_mask.count_ones())
        };
        // Every prior is fixed, so a candidate's values come from its own record alone.
        let quality = priors.quality(
            col.success.get(r).copied().unwrap_or(0.0),
            col.success_n.get(r).copied().unwrap_or(0.0),
            col.compl.get(r).copied().unwrap_or(0.0),
            col.compl_n.get(r).copied().unwrap_or(0.0),
        );
        let reviews = priors.reviews(
            cols.review_sum.get(i).copied().unwrap_or(0.0),
            cols.review_n.get(i).copied().unwrap_or(0.0),
        );
        rows.push(r as u32);
        matrix.extend_from_slice(&[
            price,
            quality,
            reviews,
            strength,
            wait,
            language,
            amenities,
            filter.travel(catalog, i),
        ]);
    }

    let benefit: Vec<bool> = Criterion::ALL.iter().map(|c| c.is_benefit()).collect();
    let plan = Plan::new(
        &matrix,
        COLS,
        weights.clone(),
        &benefit,
        options.normalization,
        CONSTANT_COLUMN_TOLERANCE,
    );
    let id_of = |c: u32| -> &str {
        rows.get(c as usize)
            .and_then(|&r| col.provider.get(r as usize))
            .and_then(|&p| catalog.providers().get(p as usize))
            .map_or("", |p| p.id.as_str())
    };
    let better = |a: &(f64, u32), b: &(f64, u32)| -> Ordering {
        b.0.total_cmp(&a.0).then_with(|| id_of(a.1).cmp(id_of(b.1)))
    };
    let score = |row: &[f64]| match options.method {
        Method::WeightedSum => plan.weighted_sum_row(row),
        Method::Topsis => plan.topsis_row(row),
    };
    let m = rows.len();
    let k = options.top_k.unwrap_or(m).min(m);
    let mut top: Vec<(f64, u32)> = Vec::with_capacity(k.min(4096));
    if k > 0 && k <= 256 {
        for (c, row) in matrix.chunks_exact(COLS).enumerate() {
            let entry = (score(row), c as u32);
            if top.len() == k {
                match top.last() {
                    Some(worst) if better(&entry, worst) == Ordering::Less => {
                        top.pop();
                    }
                    _ => continue,
                }
            }
            let at = top.partition_point(|e| better(e, &entry) == Ordering::Less);
            top.insert(at, entry);
        }
    } else if k > 0 {
        top = matrix
            .chunks_exact(COLS)
            .enumerate()
            .map(|(c, row)| (score(row), c as u32))
            .collect();
        if k < top.len() {
            top.select_nth_unstable_by(k - 1, better);
            top.truncate(k);
        }
        top.sort_unstable_by(better);
    }

    let mut matches = Vec::with_capacity(top.len());
    for (place, (s, c)) in top.iter().enumerate() {
        let c = *c as usize;
        let r = rows.get(c).copied().unwrap_or(0) as usize;
        let i = col.provider.get(r).copied().unwrap_or(0) as usize;
        let Some(p) = catalog.providers().get(i) else {
            continue;
        };
        let raw_row = matrix.get(c * COLS..c * COLS + COLS).unwrap_or(&[]);
        let criteria = Criterion::ALL
            .iter()
            .zip(raw_row)
            .zip(plan.maps.iter().zip(&plan.weights))
            .map(|((crit, &raw), (map, &w))| {
                let normalized = map.apply(raw);
                let cases = match crit {
                    Criterion::Quality => col.success_n.get(r).map(|n| *n as u64),
                    Criterion::Reviews => cols.review_n.get(i).map(|n| *n as u64),
                    _ => None,
                };
                CriterionScore {
                    criterion: *crit,
                    raw: if raw.is_nan() { None } else { Some(raw) },
                    normalized,
                    weight: w,
                    contribution: normalized * w,
                    cases,
                }
            })
            .collect();
        let offer = p.offer(&request.procedure);
        let cur = col.currency.get(r).copied().unwrap_or(u16::MAX);
        let (price, price_max) = match offer.and_then(|o| o.price.as_ref()) {
            Some(lo) if cur != u16::MAX => (
                pricer.exact(lo.amount(), cur)?,
                match offer.and_then(|o| o.price_max.as_ref()) {
                    Some(hi) => pricer.exact(hi.amount(), cur)?,
                    None => None,
                },
            ),
            _ => (None, None),
        };
        matches.push(Match {
            provider_id: p.id.clone(),
            name: p.name.clone(),
            country: p.country.clone(),
            city: p.city.clone(),
            rank: place + 1,
            score: *s,
            price,
            price_max,
            criteria,
        });
    }

    let excluded_total = catalog.len() - m;
    let mut excluded = Vec::new();
    if options.max_exclusions != Some(0) && excluded_total > 0 {
        let lists = ReasonLists::new(request);
        let mut is_candidate = vec![false; catalog.len()];
        for &r in &rows {
            if let Some(slot) = col
                .provider
                .get(r as usize)
                .and_then(|&p| is_candidate.get_mut(p as usize))
            {
                *slot = true;
            }
        }
        let limit = options.max_exclusions.unwrap_or(usize::MAX);
        let out: Vec<u32> = catalog
            .id_order()
            .iter()
            .copied()
            .filter(|&p| !is_candidate.get(p as usize).copied().unwrap_or(true))
            .take(limit)
            .collect();
        for p in out {
            let Some(provider) = catalog.providers().get(p as usize) else {
                continue;
            };
            excluded.push(Exclusion {
                provider_id: provider.id.clone(),
                name: provider.name.clone(),
                reasons: reasons(catalog, request, &filter, &lists, &mut pricer, p as usize)?,
            });
        }
    }

    Ok(Ranking {
        procedure: request.procedure.clone(),
        method: options.method,
        currency: pricer.target,
        weights: Weights::from_array(weights_array(&weights)),
        outcome_prior: prior.clone(),
        candidates: m,
        matches,
        excluded_total,
        excluded,
    })
}

fn weights_array(w: &[f64]) -> [f64; 8] {
    let mut a = [0.0; 8];
    for (slot, x) in a.iter_mut().zip(w) {
        *slot = *x;
    }
    a
}

/// What the exclusion reasons repeat for every excluded provider, worked out once per
/// request so each provider costs the same however long the request's lists are.
struct ReasonLists {
    /// The accepted accreditations, sorted and without repeats.
    required: Vec<AccreditationBody>,
    /// The patient's languages without repeats, in the request's order.
    languages: Vec<String>,
    /// The needs, sorted and without repeats.
    needs: Vec<Amenity>,
}

impl ReasonLists {
    fn new(request: &Request) -> ReasonLists {
        let mut required = request.required_accreditations.clone();
        crate::order::sort(&mut required);
        required.dedup();
        let mut seen = std::collections::HashSet::new();
        let languages = request
            .languages
            .iter()
            .filter(|l| seen.insert(l.as_str()))
            .cloned()
            .collect();
        let mut needs = request.needs.clone();
        crate::order::sort(&mut needs);
        needs.dedup();
        ReasonLists {
            required,
            languages,
            needs,
        }
    }
}

/// Every reason provider `i` fails the request, in a fixed order. The country, language,
/// accreditation and need tests read the filter's bit sets, as the filter did.
fn reasons(
    catalog: &Catalog,
    request: &Request,
    filter: &Filter,
    lists: &ReasonLists,
    pricer: &mut Pricer<'_>,
    i: usize,
) -> Result<Vec<ExclusionReason>> {
    let mut out = Vec::new();
    let Some(provider) = catalog.providers().get(i) else {
        return Ok(out);
    };
    let cols = &catalog.cols;
    let offer = provider.offer(&request.procedure);
    if offer.is_none() {
        out.push(ExclusionReason::ProcedureNotOffered {
            procedure: request.procedure.clone(),
        });
    }
    let country = usize::from(cols.country.get(i).copied().unwrap_or(u16::MAX));
    if filter.allowed.is_some_and(|a| !has_bit(&a, country)) {
        out.push(ExclusionReason::CountryNotAllowed {
            country: provider.country.clone(),
        });
    }
    if has_bit(&filter.excluded, country) {
        out.push(ExclusionReason::CountryExcluded {
            country: provider.country.clone(),
        });
    }
    let date: NaiveDate = request.travel_date;
    if !filter.accreditation(catalog, i).0 {
        let lapsed: Vec<_> = provider
            .accreditations
            .iter()
            .filter(|a| filter.required & body_bit(a.body) != 0)
            .collect();
        if lapsed.is_empty() {
            out.push(ExclusionReason::AccreditationMissing {
                required: lists.required.clone(),
            });
        }
        for a in lapsed {
            out.push(ExclusionReason::AccreditationExpired {
                body: a.body,
                expires: a.expires.filter(|e| *e < date),
                travel_date: date,
            });
        }
    }
    if filter.lang_total > 0 && filter.spoken(catalog, i) == 0 {
        out.push(ExclusionReason::NoSharedLanguage {
            requested: lists.languages.clone(),
            spoken: provider.languages.clone(),
        });
    }
    let amenities = cols.amenities.get(i).copied().unwrap_or(0);
    for &need in &lists.needs {
        if amenities & need.bit() == 0 {
            out.push(ExclusionReason::NeedNotMet { need });
        }
    }
    if let (Some(o), Some(max)) = (offer, request.max_wait_days) {
        if let Some(w) = o.median_wait_days.filter(|w| *w > max) {
            out.push(ExclusionReason::WaitTooLong {
                wait_days: w,
                max_wait_days: max,
            });
        }
    }
    if let (Some(o), Some(budget)) = (offer, &request.budget) {
        if let Some(lo) = &o.price {
            let cur = catalog
                .cols
                .currencies
                .iter()
                .position(|c| *c == lo.currency());
            if let Some(cur) = cur.and_then(|c| u16::try_from(c).ok()) {
                pricer.rate(cur)?;
                if let Some(price) = pricer.exact(lo.amount(), cur)? {
                    let over = if lo.currency() == budget.currency() {
                        lo.amount() > budget.amount()
                    } else {
                        price.amount() > budget.amount()
                    };
                    if over {
                        out.push(ExclusionReason::OverBudget {
                            price,
                            budget: *budget,
                        });
                    }
                }
            }
        }
    }
    Ok(out)
}
