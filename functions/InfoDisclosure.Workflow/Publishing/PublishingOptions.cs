using Microsoft.DurableTask;

namespace InfoDisclosure.Workflow.Publishing;

/// <summary>The agency portal that receives published reports (configuration Portal__Endpoint, Portal__Secret).</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Default endpoint for agencies without their own (agency.portal.endpoint); none: the public Blob page is the publication.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The shared secret of the X-Signature HMAC. Required whenever an endpoint is used.</summary>
    public string? Secret { get; set; }

    /// <summary>How long one push may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The durable retry policy of the portal push (configuration Publishing__RetryAttempts, Publishing__RetryFirstInterval,
/// Publishing__RetryBackoff, Publishing__RetryMaxInterval). Defaults: 6 attempts, 30 s, doubling, at most 10 minutes apart
/// (about 15 minutes before the report is PublishFailed). The orchestrator reads it when it reaches the step; the
/// retries are durable timers, so a changed setting never breaks a replay.
/// </summary>
public sealed class PublishingOptions
{
    public const string Section = "Publishing";

    public int RetryAttempts { get; set; } = 6;
    public TimeSpan RetryFirstInterval { get; set; } = TimeSpan.FromSeconds(30);
    public double RetryBackoff { get; set; } = 2;
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromMinutes(10);

    public RetryPolicy RetryPolicy() => new(
        Math.Max(1, RetryAttempts),
        RetryFirstInterval > TimeSpan.Zero ? RetryFirstInterval : TimeSpan.FromSeconds(1),
        Math.Max(1, RetryBackoff),
        RetryMaxInterval > TimeSpan.Zero ? RetryMaxInterval : null);

    public TaskOptions TaskOptions() => Microsoft.DurableTask.TaskOptions.FromRetryPolicy(RetryPolicy());
}
