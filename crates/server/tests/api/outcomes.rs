//! §24 CSAT ratings, conversions, lost deals (issue 9).
