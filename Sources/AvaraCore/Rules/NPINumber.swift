/// The rules for a National Provider Identifier: 10 ASCII digits whose last digit
/// is the CMS check digit (Luhn over the prefix "80840" followed by the 10 digits).
package enum NPINumber {
    /// The number of digits in an NPI.
    package static let digitCount = 10
    /// The digits CMS prefixes an NPI with before computing its Luhn check digit.
    private static let luhnPrefix: [UInt8] = [8, 0, 8, 4, 0]

    /// Every rule `npi` breaks, as messages; empty when it is a valid NPI.
    package static func messages(for npi: String) -> [String] {
        guard hasValidFormat(npi) else {
            return ["must be exactly 10 digits (0-9 only)"]
        }
        guard hasValidCheckDigit(npi) else {
            return ["is not a valid NPI: its check digit does not match"]
        }
        return []
    }

    /// Whether `npi` is exactly 10 ASCII digits.
    package static func hasValidFormat(_ npi: String) -> Bool {
        TextChecks.isASCIIDigits(npi, lengths: digitCount...digitCount)
    }

    /// Whether `npi` is 10 ASCII digits passing the Luhn check over "80840" + `npi`.
    package static func hasValidCheckDigit(_ npi: String) -> Bool {
        guard hasValidFormat(npi) else {
            return false
        }
        let digits = luhnPrefix + npi.utf8.map { $0 - UInt8(ascii: "0") }
        var sum = 0
        for (offsetFromRight, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if !offsetFromRight.isMultiple(of: 2) {
                value *= 2
                if value > 9 {
                    value -= 9
                }
            }
            sum += value
        }
        return sum.isMultiple(of: 10)
    }
}
