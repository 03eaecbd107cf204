/// The tool's version, printed by `impact --version` and recorded in every figures.json.
public enum ImpactVersion {
    public static let current = "0.1.0"
}
