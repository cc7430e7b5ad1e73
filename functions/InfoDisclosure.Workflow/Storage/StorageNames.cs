namespace InfoDisclosure.Workflow.Storage;

/// <summary>The tables and blob containers of the workflow (created by WorkflowHosting.EnsureStorageAsync).</summary>
public static class StorageNames
{
    public const string AgenciesTable = "Agencies";
    public const string ReportsTable = "Reports";
    public const string VersionsTable = "ReportVersions";
    public const string DecisionsTable = "ReviewDecisions";
    public const string AuditTable = "AuditLog";
    public const string NotificationsTable = "Notifications";
    public const string DeliveriesTable = "Deliveries";

    /// <summary>Draft versions (private).</summary>
    public const string DraftsContainer = "report-drafts";

    /// <summary>The final artifacts delivered to the supervising office (private).</summary>
    public const string SubmissionsContainer = "report-submissions";

    /// <summary>Published artifacts (public read of blobs).</summary>
    public const string PublishedContainer = "report-published";

    public static readonly string[] Tables =
        [AgenciesTable, ReportsTable, VersionsTable, DecisionsTable, AuditTable, NotificationsTable, DeliveriesTable];

    /// <summary>The orchestration instance id of a report; also the partition key of its rows.</summary>
    public static string ReportKey(string agencyId, int year) => $"report-{agencyId}-{year}";
}
