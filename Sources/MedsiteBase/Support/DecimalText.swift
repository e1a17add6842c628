/// Numbers as report text, the same on every machine (reports and pages must be byte-stable).
extension String {
    /// A number rounded to one decimal place, as "8.3" (deterministic, no locale).
    package init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        self = "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// Two decimal places, as "1.52".
    package init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let fraction = abs(hundredths) % 100
        self = "\(sign)\(abs(hundredths) / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
