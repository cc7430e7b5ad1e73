using System.Text.Json;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Drafts;

/// <summary>How a draft's text is read: the report's JSON, or a report to import from copied text or a portal page.</summary>
public enum DraftFormat
{
    Json,
    Text,
    Html,
}

public enum DraftStatus
{
    /// <summary>A new version was stored and made current.</summary>
    Saved,
    /// <summary>The content is the current version's (saved before, or by a concurrent save of the same content): nothing changed.</summary>
    Unchanged,
    NoSuchReport,
    /// <summary>The report is in review or later; <see cref="DraftOutcome.Entry"/> says where it stands.</summary>
    NotEditable,
    /// <summary>The body cannot be read as a report (malformed JSON, empty); <see cref="DraftOutcome.Field"/> names where.</summary>
    Malformed,
    /// <summary>The report is for another year than the one it is saved under.</summary>
    WrongYear,
    /// <summary>A newer version was made current meanwhile; this one is stored but not current.</summary>
    NewerVersion,
}

/// <summary>A draft to save, as text already decoded from whatever encoding it came in. <paramref name="Actor"/> is who acts.</summary>
public sealed record DraftInput(string AgencyId, int Year, DraftFormat Format, string Body, string Actor, string? ClientAddress);

/// <summary>What happened to a draft; <see cref="Version"/> and <see cref="Sha256"/> are the version that is (or would be) current.</summary>
public sealed record DraftOutcome(
    DraftStatus Status,
    string Detail,
    string Source,
    string? Field = null,
    ReportIndexEntry? Entry = null,
    int? Version = null,
    string? Sha256 = null,
    IReadOnlyList<Finding>? Findings = null);

/// <summary>
/// Saves a draft: reads it (JSON, or imported from text or HTML), validates it against last year's report, stores it
/// as a new immutable version and makes that current, while the report is a draft. The same content again changes
/// nothing, also when saved concurrently: the version's number is claimed in Blob storage (If-None-Match) and made
/// current with the index row's ETag, so of concurrent saves of one content exactly one makes a version.
/// </summary>
public sealed class DraftService(ReportIndex index, ReportDocuments documents, AuditLog audit, TimeProvider time)
{
    public static string SourceOf(DraftFormat format) => format switch
    {
        DraftFormat.Json => "json",
        DraftFormat.Html => "html",
        _ => "text",
    };

    public async Task<DraftOutcome> SaveAsync(DraftInput input, CancellationToken ct)
    {
        var (agencyId, year) = (input.AgencyId, input.Year);
        var source = SourceOf(input.Format);
        var entry = await index.GetAsync(agencyId, year, ct);
        if (entry is null) return new(DraftStatus.NoSuchReport, $"There is no report for '{agencyId}' {year}.", source);
        if (entry.Stage != ReportStages.Draft) return NotEditable(entry, source);

        if (string.IsNullOrWhiteSpace(input.Body)) return new(DraftStatus.Malformed, "The body is empty.", source, "$");
        AnnualReport report;
        IReadOnlyList<Finding> importFindings = [];
        if (input.Format == DraftFormat.Json)
        {
            try
            {
                report = JsonSerializer.Deserialize<AnnualReport>(input.Body, WorkflowJson.ReportInput)
                    ?? throw new JsonException("The document is empty (null).");
            }
            catch (JsonException e)
            {
                var (field, message) = JsonErrors.Explain(e, typeof(AnnualReport), WorkflowJson.ReportInput);
                return new(DraftStatus.Malformed, message, source, field);
            }
        }
        else
        {
            var imported = input.Format == DraftFormat.Html ? ReportImporter.ImportHtml(input.Body) : ReportImporter.ImportText(input.Body);
            (report, importFindings) = (imported.Report, imported.Findings);
        }
        if (report.Year != year) return new(DraftStatus.WrongYear, $"The report is for {report.Year}, the URL for {year}.", source, "$.year");
        if (string.IsNullOrWhiteSpace(report.AgencyName)) report.AgencyName = entry.AgencyName;

        var previous = await PreviousYearReport.ForAsync(index, documents, agencyId, year, ct);
        var findings = importFindings.Concat(ReportValidator.Validate(report, previous)).ToList();
        var sha = ReportDocuments.Sha256(ReportDocuments.Json(report));
        if (sha == entry.CurrentSha256) return Unchanged(entry, entry.CurrentVersion, sha, source, findings);

        var now = time.GetUtcNow();
        var (version, _) = await documents.SaveVersionAsync(
            agencyId, year, entry.VersionCount + 1, report, input.Actor, source, now, findings, CancellationToken.None);

        // Making the version current is the commit point: only while the report is still a draft, never replacing a
        // newer version saved concurrently, and only once (a concurrent save of the same content may have done it).
        string? refusal = null;
        var alreadyCurrent = false;
        var committed = await index.UpdateAsync(agencyId, year, e =>
        {
            refusal = null;
            alreadyCurrent = e.Stage == ReportStages.Draft && e.CurrentVersion == version.Number;
            if (e.Stage != ReportStages.Draft) refusal = e.Stage;
            else if (e.CurrentVersion > version.Number) refusal = "newer";
            if (refusal is not null || alreadyCurrent) return null;
            return e with
            {
                VersionCount = Math.Max(e.VersionCount, version.Number), CurrentVersion = version.Number, CurrentSha256 = version.Sha256, UpdatedAt = now,
            };
        }, CancellationToken.None);
        if (alreadyCurrent) return Unchanged(committed!, version.Number, version.Sha256, source, findings);
        if (refusal == "newer")
        {
            return new(DraftStatus.NewerVersion,
                $"A newer version ({committed!.CurrentVersion}) was saved meanwhile; yours is kept as version {version.Number} but is not current.",
                source, Entry: committed, Version: version.Number, Sha256: version.Sha256, Findings: findings);
        }
        if (refusal is not null) return NotEditable(committed!, source);

        await audit.AppendAsync(entry.Key,
            new AuditEntry(now, input.Actor, "draft-saved", $"{source}, SHA-256 {version.Sha256}", input.ClientAddress, entry.Round, null, version.Number),
            CancellationToken.None);
        return new(DraftStatus.Saved, "Saved.", source, Entry: committed, Version: version.Number, Sha256: version.Sha256, Findings: findings);
    }

    private static DraftOutcome Unchanged(ReportIndexEntry entry, int version, string sha, string source, IReadOnlyList<Finding> findings) =>
        new(DraftStatus.Unchanged, "The content is the current version's; nothing changed.", source, Entry: entry, Version: version, Sha256: sha, Findings: findings);

    private static DraftOutcome NotEditable(ReportIndexEntry entry, string source) => new(DraftStatus.NotEditable,
        entry.Stage == ReportStages.InReview
            ? $"The report is in review (round {entry.Round}, level {entry.Level} {entry.LevelName}); it can be edited again once a reviewer returns it."
            : $"The report is {entry.Stage}; it can no longer be edited.",
        source, Entry: entry);
}
