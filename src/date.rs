//! Dates as editors write them: as precise as they know (a year, a month, a day).

/// A date as precise as the editor knows it: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct PartialDate {
    /// Year, e.g. 2000.
    pub year: u16,
    /// Month 1..=12, when known.
    pub month: Option<u8>,
    /// Day 1..=31, when known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time after the day is ignored).
    pub(crate) fn parse(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        let date_part = s.split(['T', ' ']).next().unwrap_or(s);
        let mut parts = date_part.split('-');
        let year_s = parts.next()?;
        if year_s.len() != 4 {
            return None;
        }
        let year: u16 = year_s.parse().ok()?;
        let month = match parts.next() {
            None => None,
            Some(m) if m.len() == 2 => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
            Some(_) => return None,
        };
        let day = match parts.next() {
            None => None,
            Some(d) if d.len() == 2 => {
                let d = d.parse::<u8>().ok()?;
                let max = days_in_month(year, month?);
                Some(d).filter(|d| (1..=max).contains(d))?.into()
            }
            Some(_) => return None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate { year, month, day })
    }

    /// ISO form with the precision given: `2000`, `2000-11` or `2000-11-24`.
    pub(crate) fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    /// RFC 3339 timestamp at the start of the period, for feeds and sitemaps.
    pub(crate) fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// The civil date (year, month, day) of a count of days since 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Howard Hinnant's algorithm: exact for the proleptic Gregorian calendar.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(
            PartialDate::parse("2000-11").map(|d| d.iso()),
            Some("2000-11".into())
        );
        assert_eq!(
            PartialDate::parse("2011").map(|d| d.iso()),
            Some("2011".into())
        );
        assert_eq!(
            PartialDate::parse("2024-02-29").map(|d| d.iso()),
            Some("2024-02-29".into())
        );
        assert_eq!(PartialDate::parse("2023-02-29"), None);
        assert_eq!(PartialDate::parse("2023-13"), None);
        assert_eq!(PartialDate::parse("11.2000"), None);
    }

    #[test]
    fn civil_dates_are_exact() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_781), (2026, 11, 24));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
