/// Whether a column's header suggests it identifies a person (a name, a phone
/// number, an address, free-text notes). Used where no pipeline says which
/// columns are identifying, such as `impact inspect`, to keep their values off
/// the screen unless asked. A hint, not a guarantee: pipelines list identifying
/// columns explicitly.
public enum IdentifyingHeader {
    /// Words that mark a header as identifying when they stand as a whole word.
    static let words: Set<String> = [
        "name", "names", "surname", "firstname", "lastname", "fullname", "alias", "nickname",
        "phone", "mobile", "telephone", "tel", "cell", "whatsapp", "email", "mail",
        "address", "street", "village", "house", "gps", "latitude", "longitude",
        "notes", "note", "comment", "comments", "remarks", "narrative", "description",
        "father", "mother", "guardian", "aadhaar", "passport", "nid", "photo",
        "nom", "prenom", "nume", "telefon", "adresa", "adresse",
    ]

    public static func looksIdentifying(_ header: String) -> Bool {
        var word = ""
        var found = false
        func flush() {
            if words.contains(word) { found = true }
            word = ""
        }
        for scalar in header.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic { word.unicodeScalars.append(scalar) } else { flush() }
        }
        flush()
        return found
    }
}
