namespace InfoDisclosure.Tests.Shared;

/// <summary>Where the repository and the shared fixtures are, found from the test binaries upward.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared/fixtures/reports beside the repository (CI lays shared/ beside the clone).</summary>
    public static string FixtureReports => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fixtures", "reports"));

    public static string Fixture(string name) => Path.Combine(FixtureReports, name);

    public static string ReadFixture(string name) => File.ReadAllText(Fixture(name));

    private static string FindRepoRoot()
    {
        var stamped = typeof(TestPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (stamped is not null && File.Exists(Path.Combine(stamped, "InfoDisclosure.sln"))) return stamped;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "InfoDisclosure.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("InfoDisclosure.sln not found above " + AppContext.BaseDirectory);
    }
}
