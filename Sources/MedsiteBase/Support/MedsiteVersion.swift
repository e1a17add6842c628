/// medsite's version, as `medsite --version` prints it and the build cache's key holds it.
public enum MedsiteVersion {
    public static let current = "0.1.0"
}
