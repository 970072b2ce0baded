import Foundation

/// `date` in the machine's time zone as `format` (a `DateFormatter` pattern) gives it, with the POSIX
/// locale so that the digits and the calendar do not follow the user's settings.
func posixDateText(_ date: Date, _ format: String) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.dateFormat = format
    return f.string(from: date)
}
