using Microsoft.Extensions.Configuration;

namespace InfoDisclosure.Workflow.Hosting;

/// <summary>
/// The Durable Task engine's settings (Azure Storage backend), the one source for both hosts: the local host builds its
/// engine from <see cref="Shared"/>, and the Functions app's host.json carries the same values (host.json is static, so
/// tests/InfoDisclosure.Infra.Tests/HostJsonTests compares it with this record). The crash tests therefore run under the
/// production settings. Engine defaults are those of DurableTask.AzureStorage; Durable Functions' defaults for
/// concurrency and buffering differ from them, which is why every value is written out in both places.
/// </summary>
public sealed record EngineSettings
{
    /// <summary>The setting naming the task hub (host.json: "hubName": "%TaskHubName%").</summary>
    public const string TaskHubNameSetting = "TaskHubName";

    public const string DefaultTaskHubName = "InfoDisclosure";

    public static EngineSettings Shared { get; } = new();

    /// <summary>
    /// The engine's default (4). Fixed for the life of a task hub: changing it needs a new hub (docs/deploy-and-monitor.md).
    /// </summary>
    public int PartitionCount { get; init; } = 4;

    /// <summary>
    /// 8 (default 32): messages taken from a control queue at a time. A buffered message's lock is not renewed, so
    /// with the short visibility timeout below the batches stay small enough to run long before their lock ends.
    /// </summary>
    public int ControlQueueBatchSize { get; init; } = 8;

    /// <summary>32 (engine default 64, Durable Functions' up to 256): the in-memory buffer per host, small for the same reason.</summary>
    public int ControlQueueBufferThreshold { get; init; } = 32;

    /// <summary>
    /// 1 s (default 30 s): an idle queue is polled at most this far apart, so a reviewer's decision shows the next level
    /// within about a second instead of up to 30. The cost is about 5 queue reads a second while idle (4 control queues
    /// and the work-item queue), some 13 million storage transactions a month: a few dollars.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// 30 s (default 5 minutes): how long a control message taken by a host that then died stays invisible, so a crashed
    /// or OOM-killed instance's orchestrations continue 30 s after it, not 5 minutes (the crash tests wait this long at
    /// most). A graceful stop abandons its messages at once. An orchestrator episode takes milliseconds and the buffer is
    /// small (above), so 30 s never cuts off live work.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// 30 s (default 5 minutes): the same for activity work items. The dispatcher renews a running activity's lock
    /// before it ends, so a slow portal push or SMTP send is not handed to a second worker meanwhile.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// 32 (engine default 10, Durable Functions' 10 per core): activities at once per host. They wait on storage, SMTP
    /// and the portal, hardly on the CPU, so more of them at once is what drains the January rush: with 10, the load
    /// benchmark's activities waited seconds in the work-item queue while each ran in a few hundred milliseconds
    /// (docs/throughput.md). A host sends the SMTP server and the portal at most this many requests at a time.
    /// </summary>
    public int MaxConcurrentActivities { get; init; } = 32;

    /// <summary>
    /// 100, the engine's default (Durable Functions' is 10 per core): orchestrator episodes are short and CPU-light, and
    /// the January rush starts hundreds of reviews at once.
    /// </summary>
    public int MaxConcurrentOrchestrations { get; init; } = 100;

    /// <summary>The task hub: the TaskHubName setting, else <see cref="DefaultTaskHubName"/>.</summary>
    public static string TaskHubName(IConfiguration configuration) =>
        configuration[TaskHubNameSetting] is { Length: > 0 } hub ? hub : DefaultTaskHubName;
}
