using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Storage;
using Microsoft.DurableTask.Client;

namespace InfoDisclosure.Workflow.Review;

public enum DecisionStatus
{
    Recorded,
    NoSuchReport,
    /// <summary>The report is not at this level of this round (decided, rejected, or another round).</summary>
    NotCurrent,
    NotAReviewer,
    StaleVersion,
    WorkflowNotRunning,
    /// <summary>The level (rule any) or this reviewer (rule all) has already decided.</summary>
    AlreadyDecided,
}

/// <summary>A decision to record: from the API's JSON or from the review page's form.</summary>
public sealed record DecisionInput(
    string AgencyId,
    int Year,
    int Level,
    int Round,
    string ReviewerEmail,
    string Decision,
    string? Comment,
    bool ReviewConfirmed,
    bool ProofreadConfirmed,
    int? VersionNumber,
    string? VersionSha256,
    string? ClientAddress);

/// <summary>What happened to a decision; <see cref="Entry"/> is the report as it stood when the decision was judged.</summary>
public sealed record DecisionOutcome(DecisionStatus Status, string Detail, ReportIndexEntry? Entry = null, ReviewDecision? Decision = null);

/// <summary>The orchestration did not take the decision's event; the decision's record was withdrawn, so nothing changed.</summary>
public sealed class DecisionNotTakenException(Exception inner)
    : Exception("The workflow engine did not take the decision's event; the decision was withdrawn.", inner);

/// <summary>
/// Records one review decision: checks it is about the level, round and version under review, records it exactly once
/// (the decision log's insert-if-absent), raises the orchestration's event (withdrawing the record and throwing
/// <see cref="DecisionNotTakenException"/> if that fails), and audits it. The one path for the API's POST …/decisions
/// and the e-mailed review page; each maps the outcome to its own answer.
/// </summary>
public sealed class ReviewDecisionService(ReportIndex index, DecisionLog log, AuditLog audit, TimeProvider time)
{
    /// <summary>The longest comment a decision may carry, on the API and on the review page alike.</summary>
    public const int MaxCommentLength = 4000;

    public async Task<DecisionOutcome> DecideAsync(DurableTaskClient durable, DecisionInput input, CancellationToken ct)
    {
        var entry = await index.GetAsync(input.AgencyId, input.Year, ct);
        if (entry is null) return new(DecisionStatus.NoSuchReport, $"There is no report {input.AgencyId}/{input.Year}.");
        if (entry.Stage != ReportStages.InReview || entry.Round != input.Round || entry.Level != input.Level)
        {
            return new(DecisionStatus.NotCurrent, entry.Stage == ReportStages.InReview
                ? $"The report awaits level {entry.Level} ({entry.LevelName}) of round {entry.Round}, not level {input.Level} of round {input.Round}."
                : $"The report is {entry.Stage}; it awaits no review decision.", entry);
        }
        var level = entry.Chain[entry.Level - 1];
        var reviewer = level.Reviewers.FirstOrDefault(r => r.Key == input.ReviewerEmail.Trim().ToLowerInvariant());
        if (reviewer is null) return new(DecisionStatus.NotAReviewer, $"'{input.ReviewerEmail}' is not a reviewer of {level.Name}.", entry);
        if ((input.VersionSha256 is { Length: > 0 } sha && !string.Equals(sha, entry.SubmittedSha256, StringComparison.OrdinalIgnoreCase))
            || (input.VersionNumber is { } number && number != entry.SubmittedVersion))
        {
            return new(DecisionStatus.StaleVersion,
                $"The decision is about another version than the one under review (version {entry.SubmittedVersion}, SHA-256 {entry.SubmittedSha256}).", entry);
        }
        if (await WorkflowInstances.NotRunningReasonAsync(durable, entry.Key, ct) is { } notRunning)
        {
            return new(DecisionStatus.WorkflowNotRunning, notRunning, entry);
        }

        var decision = new ReviewDecision(entry.Round, entry.Level, level.Name, reviewer, input.Decision, input.Comment?.Trim(),
            input.ReviewConfirmed, input.ProofreadConfirmed, entry.SubmittedVersion!.Value, entry.SubmittedSha256!,
            time.GetUtcNow(), input.ClientAddress);
        if (!await log.TryRecordAsync(entry.Key, level.Rule, decision, ct))
        {
            return new(DecisionStatus.AlreadyDecided, level.Rule == ReviewRules.Any
                ? $"{level.Name} of round {entry.Round} is already decided by another reviewer."
                : $"{reviewer.Name} has already decided on {level.Name} of round {entry.Round}.", entry);
        }
        try
        {
            await durable.RaiseEventAsync(entry.Key, WorkflowEvents.Decision(decision.Level, decision.Round), decision, CancellationToken.None);
        }
        catch (Exception e)
        {
            await log.WithdrawAsync(entry.Key, level.Rule, decision, CancellationToken.None);
            throw new DecisionNotTakenException(e);
        }

        var confirmations = $"{DefaultReviewChain.ReviewPart(level.Name)}{(decision.ReviewConfirmed ? "✓" : "✗")} {DefaultReviewChain.ProofreadPart(level.Name)}{(decision.ProofreadConfirmed ? "✓" : "✗")}";
        await audit.AppendAsync(entry.Key,
            new AuditEntry(decision.DecidedAt, $"{reviewer.Name} <{reviewer.Email}>", $"decision-{decision.Decision}",
                decision.Comment is { Length: > 0 } comment ? $"{confirmations}; {comment}" : confirmations,
                decision.ClientIp, decision.Round, decision.Level, decision.VersionNumber),
            CancellationToken.None);
        return new(DecisionStatus.Recorded, "Recorded.", entry, decision);
    }
}
