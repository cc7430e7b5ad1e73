using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Review;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Drafts;

public enum CreationStatus
{
    Created,
    /// <summary>The agency id or the year is malformed; <see cref="CreationOutcome.Field"/> names it.</summary>
    Invalid,
    NoSuchAgency,
    /// <summary>The report exists already (one workflow per agency and year), or another creation of it is under way.</summary>
    AlreadyExists,
}

/// <summary>A report to create: from POST /api/reports or the January roll-over. <paramref name="Actor"/> is who acts, for the audit log.</summary>
public sealed record CreationInput(string AgencyId, int Year, string Actor, string? ClientAddress);

/// <summary>What happened; on <see cref="CreationStatus.Created"/>, <see cref="Entry"/> is the new report and <see cref="Findings"/> its first version's.</summary>
public sealed record CreationOutcome(
    CreationStatus Status, string Detail, string? Field = null, ReportIndexEntry? Entry = null, IReadOnlyList<Finding>? Findings = null);

/// <summary>
/// Creates an agency's report of a year: inserts the index row (the one arbiter of "this report exists"), stores the
/// first version (pre-filled from last year's report when there is one), starts the orchestration and audits it.
/// The one path for POST /api/reports and the January roll-over (<see cref="Deadlines.NextYearDrafts"/>).
/// </summary>
public sealed class ReportCreationService(
    AgencyStore agencies, ReportIndex index, ReportDocuments documents, AuditLog audit, TimeProvider time)
{
    /// <summary>A creation that crashed half-way may be taken over after this long (before it, a second creation is a duplicate).</summary>
    private static readonly TimeSpan AbandonedCreation = TimeSpan.FromMinutes(2);

    public async Task<CreationOutcome> CreateAsync(DurableTaskClient durable, CreationInput input, CancellationToken ct)
    {
        var agencyId = input.AgencyId.Trim();
        var year = input.Year;
        if (!AgencyValidator.IsValidId(agencyId)) return new(CreationStatus.Invalid, AgencyValidator.IdRule, "$.agencyId");
        if (!ReportYear.IsValid(year)) return new(CreationStatus.Invalid, ReportYear.Rule, "$.year");

        var agency = (await agencies.GetAsync(agencyId, ct))?.Agency;
        if (agency is null) return new(CreationStatus.NoSuchAgency, $"There is no agency '{agencyId}'.", "$.agencyId");

        var instanceId = StorageNames.ReportKey(agencyId, year);
        if (await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is not null) return AlreadyExists(agencyId, year);

        var now = time.GetUtcNow();
        var deadline = InternalDeadline.Deadlines(agency, year).StatutoryDeadline;
        var entry = new ReportIndexEntry
        {
            AgencyId = agencyId, Year = year, AgencyName = agency.Name, Holder = [agency.Drafter], Deadline = deadline,
            CreatedAt = now, UpdatedAt = now,
        };
        // Only the creation that inserts the row goes on, unless the row is left from one that crashed before
        // starting the orchestration.
        if (!await index.TryCreateAsync(entry, ct))
        {
            var existing = await index.GetAsync(agencyId, year, ct);
            if (existing is null || now - existing.UpdatedAt < AbandonedCreation
                || !await index.TryReplaceAsync(existing with { UpdatedAt = now }, ct))
            {
                return AlreadyExists(agencyId, year);
            }
            entry = (await index.GetAsync(agencyId, year, ct))!;
        }

        IReadOnlyList<Finding> findings = [];
        if (entry.VersionCount == 0)
        {
            var previous = await PreviousYearReport.ForAsync(index, documents, agencyId, year, ct);
            var draft = NewReport.Create(agency.Name, year, previous);
            findings = ReportValidator.Validate(draft, previous);
            var version = await documents.AddVersionAsync(agencyId, year, 1, draft,
                input.Actor, previous is null ? "new" : "carried-over", now, findings, CancellationToken.None);
            await index.UpdateAsync(agencyId, year, e => e with
            {
                VersionCount = Math.Max(e.VersionCount, version.Number), CurrentVersion = version.Number, CurrentSha256 = version.Sha256,
            }, CancellationToken.None);
        }

        await durable.ScheduleNewOrchestrationInstanceAsync(WorkflowTasks.CurrentReportWorkflow,
            new ReportWorkflowInput(agencyId, year, agency.Name, agency.Drafter, deadline),
            new StartOrchestrationOptions(InstanceId: instanceId), CancellationToken.None);
        await audit.AppendAsync(instanceId,
            new AuditEntry(now, input.Actor, "report-created", $"workflow {WorkflowTasks.CurrentReportWorkflow}", input.ClientAddress, 0, null, 1),
            CancellationToken.None);

        var created = (await index.GetAsync(agencyId, year, CancellationToken.None))!;
        return new(CreationStatus.Created, "Created.", null, created, findings);
    }

    private static CreationOutcome AlreadyExists(string agencyId, int year) =>
        new(CreationStatus.AlreadyExists, $"The report of '{agencyId}' for {year} exists already (one workflow per agency and year).");
}
