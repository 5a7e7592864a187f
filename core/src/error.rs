//! The one error type of medjourney: every variant has a stable snake_case code.
//!
//! Wrappers map [`Error::code`] and [`Error::kind`] to their own exception types;
//! they never look at the message, which is for people.

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every way an input can be rejected. `code()` is stable; messages may improve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // ---- money and exchange rates -------------------------------------------------
    /// A currency code that is not an active ISO 4217 code.
    #[error("unknown currency {code:?} in {field}")]
    UnknownCurrency { field: String, code: String },

    /// Arithmetic or comparison between two different currencies.
    #[error("currency mismatch in {operation}: {left} vs {right}")]
    CurrencyMismatch {
        operation: String,
        left: String,
        right: String,
    },

    /// A result that does not fit the decimal or integer range.
    #[error("overflow in {operation}")]
    Overflow { operation: String },

    /// A text that is not a decimal amount, or an amount that cannot be used as asked.
    #[error("invalid amount {value:?} in {field}: {reason}")]
    InvalidAmount {
        field: String,
        value: String,
        reason: String,
    },

    /// Ratios for an allocation that are empty, negative or all zero.
    #[error("invalid ratios {value}: {reason}")]
    InvalidRatios { value: String, reason: String },

    /// A currency without ISO minor units (funds, metals) where rounding needs them.
    #[error("currency {code} has no ISO minor units, so {operation} cannot round to them")]
    NoMinorUnits { code: String, operation: String },

    /// No direct, inverse or cross rate between two currencies.
    #[error("no exchange rate from {from} to {to}")]
    NoRate { from: String, to: String },

    /// A rate older than the caller's maximum age at the caller's "now".
    #[error(
        "stale exchange rate {from}->{to}: as of {as_of}, older than {max_age_hours} h at {now}"
    )]
    StaleRate {
        from: String,
        to: String,
        as_of: String,
        now: String,
        max_age_hours: i64,
    },

    /// A rate that is zero, negative, or between a currency and itself.
    #[error("invalid exchange rate {from}->{to} = {rate}: {reason}")]
    InvalidRate {
        from: String,
        to: String,
        rate: String,
        reason: String,
    },

    // ---- cost breakdowns, insurance, payment plans --------------------------------
    /// A payment plan that cannot be built (no installments, deposit above total, …).
    #[error("invalid payment plan: {reason}")]
    InvalidPaymentPlan { reason: String },

    /// An insurance policy whose terms contradict each other.
    #[error("invalid insurance policy field {field}: {reason}")]
    InvalidPolicy { field: String, reason: String },

    /// A quote or trip line whose prices, quantities or dates cannot be used.
    #[error("invalid quote {quote}, field {field}: {reason}")]
    InvalidQuote {
        quote: String,
        field: String,
        reason: String,
    },

    // ---- provider matching ---------------------------------------------------------
    /// Criterion weights that are negative, non-finite or all zero.
    #[error("invalid weights {value}: {reason}")]
    InvalidWeights { value: String, reason: String },

    /// A decision matrix whose shape or values cannot be scored.
    #[error("invalid matrix: {reason}")]
    InvalidMatrix { reason: String },

    /// A provider record in a catalog that fails validation.
    #[error("invalid provider record {record}, field {field}: {reason}")]
    InvalidProvider {
        record: String,
        field: String,
        reason: String,
    },

    // ---- journeys and the journey map ---------------------------------------------
    /// A stage move the journey rules do not allow.
    #[error("invalid transition from {from} to {to}: {reason}")]
    InvalidTransition {
        from: String,
        to: String,
        reason: String,
    },

    /// An instant earlier than one already recorded.
    #[error("time order violated in {field}: {value} is before {previous}")]
    TimeOrder {
        field: String,
        value: String,
        previous: String,
    },

    /// A touchpoint recorded where the journey cannot take it.
    #[error("invalid touchpoint {id}: {reason}")]
    InvalidTouchpoint { id: String, reason: String },

    // ---- itineraries ---------------------------------------------------------------
    /// A name that is not an IANA time zone.
    #[error("unknown time zone {zone:?} in {field}")]
    UnknownTimeZone { field: String, zone: String },

    /// An itinerary item whose own fields contradict each other (end before start, …).
    #[error("invalid itinerary item {item}, field {field}: {reason}")]
    InvalidItem {
        item: String,
        field: String,
        reason: String,
    },

    // ---- healthcare knowledge ------------------------------------------------------
    /// A procedure code with no procedure guide.
    #[error("no procedure guide for {code:?}")]
    UnknownProcedure { code: String },

    // ---- trip planning -------------------------------------------------------------
    /// A well-formed plan request that no trip satisfies (dates, fit to fly, visa limits).
    #[error("no feasible plan ({field}): {reason}")]
    NoFeasiblePlan { field: String, reason: String },

    // ---- shared --------------------------------------------------------------------
    /// A field whose value is out of its allowed range or form.
    #[error("invalid value for {field}: {reason}")]
    InvalidInput { field: String, reason: String },

    /// JSON or CSV text that does not parse into the expected shape.
    #[error("invalid {format} for {what}: {reason}")]
    Parse {
        format: String,
        what: String,
        reason: String,
    },
}

/// The families wrappers turn into exception classes (one class per family).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Currency codes and currency mixing.
    Currency,
    /// Numeric range.
    Overflow,
    /// Exchange rates missing, stale or invalid.
    Rate,
    /// Journey stage rules and time order.
    Transition,
    /// Any other malformed or out-of-range input.
    Validation,
    /// Text that does not parse.
    Parse,
}

impl Error {
    /// The stable snake_case code of this error, the same in Rust, Python and JS.
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownCurrency { .. } => "unknown_currency",
            Error::CurrencyMismatch { .. } => "currency_mismatch",
            Error::Overflow { .. } => "overflow",
            Error::InvalidAmount { .. } => "invalid_amount",
            Error::InvalidRatios { .. } => "invalid_ratios",
            Error::NoMinorUnits { .. } => "no_minor_units",
            Error::NoRate { .. } => "no_rate",
            Error::StaleRate { .. } => "stale_rate",
            Error::InvalidRate { .. } => "invalid_rate",

            Error::InvalidPaymentPlan { .. } => "invalid_payment_plan",
            Error::InvalidPolicy { .. } => "invalid_policy",
            Error::InvalidQuote { .. } => "invalid_quote",

            Error::InvalidWeights { .. } => "invalid_weights",
            Error::InvalidMatrix { .. } => "invalid_matrix",
            Error::InvalidProvider { .. } => "invalid_provider",

            Error::InvalidTransition { .. } => "invalid_transition",
            Error::TimeOrder { .. } => "time_order",
            Error::InvalidTouchpoint { .. } => "invalid_touchpoint",

            Error::UnknownTimeZone { .. } => "unknown_time_zone",
            Error::InvalidItem { .. } => "invalid_item",

            Error::UnknownProcedure { .. } => "unknown_procedure",
            Error::NoFeasiblePlan { .. } => "no_feasible_plan",

            Error::InvalidInput { .. } => "invalid_input",
            Error::Parse { .. } => "parse_error",
        }
    }

    /// The family of this error, for wrappers that raise one class per family.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::UnknownCurrency { .. } | Error::CurrencyMismatch { .. } => ErrorKind::Currency,
            Error::Overflow { .. } => ErrorKind::Overflow,
            Error::NoRate { .. } | Error::StaleRate { .. } | Error::InvalidRate { .. } => {
                ErrorKind::Rate
            }
            Error::InvalidTransition { .. } | Error::TimeOrder { .. } => ErrorKind::Transition,
            Error::Parse { .. } => ErrorKind::Parse,
            _ => ErrorKind::Validation,
        }
    }

    /// Shorthand for an [`Error::InvalidInput`].
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// Shorthand for an [`Error::Parse`]: `what` in `format` cannot be read (or written) as
    /// the expected shape. Wrappers use it for values that do not convert at their boundary.
    pub fn parse(
        format: impl Into<String>,
        what: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Error::Parse {
            format: format.into(),
            what: what.into(),
            reason: reason.into(),
        }
    }

    /// Shorthand for an [`Error::Overflow`].
    pub fn overflow(operation: impl Into<String>) -> Self {
        Error::Overflow {
            operation: operation.into(),
        }
    }

    /// Shorthand for an [`Error::Parse`] of JSON text.
    pub fn json(what: impl Into<String>, err: &serde_json::Error) -> Self {
        Error::deserialize("json", what, err)
    }

    /// An error from any serde deserializer (JSON, pythonize, serde-wasm-bindgen).
    ///
    /// A currency or amount rejected inside deserialization keeps its own code
    /// (`unknown_currency`, `invalid_amount`) instead of becoming a generic `parse_error`.
    pub fn deserialize(
        format: impl Into<String>,
        what: impl Into<String>,
        err: impl std::fmt::Display,
    ) -> Self {
        let message = err.to_string();
        let what = what.into();
        if let Some(pos) = message.find(crate::money::UNKNOWN_CURRENCY_MARK) {
            let rest = &message[pos + crate::money::UNKNOWN_CURRENCY_MARK.len()..];
            let code = rest.split('"').nth(1).unwrap_or(rest).to_string();
            return Error::UnknownCurrency { field: what, code };
        }
        if let Some(pos) = message.find(crate::money::INVALID_AMOUNT_MARK) {
            let reason = message[pos + crate::money::INVALID_AMOUNT_MARK.len()..].trim();
            return Error::InvalidAmount {
                field: what,
                value: String::new(),
                reason: reason.to_string(),
            };
        }
        Error::Parse {
            format: format.into(),
            what,
            reason: message,
        }
    }
}
