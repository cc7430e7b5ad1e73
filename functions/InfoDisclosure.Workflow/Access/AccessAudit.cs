using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Access;

/// <summary>
/// Sign-ins, sign-outs and every refused attempt (who, what, why, from where) in the audit log, partition "access".
/// A refusal repeated while a rate limit holds is written once per window, so a flood cannot fill the table.
/// </summary>
public sealed class AccessAudit(AuditLog log, AttemptLimiter limiter, TimeProvider time)
{
    public const string Partition = "access";

    public Task RecordAsync(string? who, string action, string? detail, string? client, CancellationToken ct) =>
        log.AppendAsync(Partition, new AuditEntry(time.GetUtcNow(), who ?? "anonymous", action, detail, client), CancellationToken.None);

    public Task RefusedAsync(string? who, string what, string why, string? client, CancellationToken ct)
    {
        // Past the limit, one entry per client and reason per window says it all.
        if (!limiter.TryTake($"audit:{client}:{why}", limiter.Limits.FailuresPerClient + 1)) return Task.CompletedTask;
        return log.AppendAsync(Partition, new AuditEntry(time.GetUtcNow(), who ?? "anonymous", "refused", $"{what}: {why}", client), CancellationToken.None);
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(CancellationToken ct) => log.ReadAsync(Partition, ct);
}
