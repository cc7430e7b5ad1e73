namespace InfoDisclosure.Workflow.Workspace;

/// <summary>The workspace's addresses, written once.</summary>
public static class WorkspacePaths
{
    public const string Reports = "/reports";
    public const string SignIn = "/sign-in";

    public static string Report(string agencyId, int year) => $"/reports/{agencyId}/{year}";

    public static string Edit(string agencyId, int year) => Report(agencyId, year) + "/edit";

    public static string Import(string agencyId, int year) => Report(agencyId, year) + "/import";

    public static string Compare(string agencyId, int year) => Report(agencyId, year) + "/compare";

    /// <summary>The signed-in reviewer's review page (待我审核).</summary>
    public static string Review(string agencyId, int year) => Report(agencyId, year) + "/review";

    public static string Submit(string agencyId, int year) => Report(agencyId, year) + "/submit";

    public static string Preview(string agencyId, int year) => Report(agencyId, year) + "/preview";

    public static string Docx(string agencyId, int year) => Report(agencyId, year) + "/export.docx";
}
