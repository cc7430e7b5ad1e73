using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace InfoDisclosure.LocalHost.Hosting;

/// <summary>
/// Testing mode only: where the host's time goes, for the load benchmark (GET /testing/profile, POST /testing/profile/reset).
/// <list type="bullet">
/// <item><c>span:…</c>: the Durable Task SDK's spans (each activity's run, each orchestrator episode), by name;</item>
/// <item><c>storage:blob|queue|table</c>: every HTTP request to the storage account (HttpClient's request-duration
/// metric, told apart by the endpoints of the connection string), the engine's and the workflow's alike;</item>
/// <item><c>queue-wait:…</c> and <c>episode-wait:…</c>: the engine's own log of each message's age when it was taken from
/// its queue and when its orchestration episode began (DurableTask.AzureStorage ReceivedMessage/ProcessingMessage);</item>
/// <item><c>history:fetch|append</c>: the engine's history reads and writes per episode.</item>
/// </list>
/// Samples are kept in memory until reset: a few tens of thousands per run.
/// </summary>
public sealed class CostProfile : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _series = new();
    private readonly IReadOnlyList<(int Port, string Service)> _services;
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _spans;

    public CostProfile(string storageConnection)
    {
        _services = StoragePorts(storageConnection);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration") listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<double>((_, seconds, tags, _) => OnRequest(seconds, tags));
        _meters.Start();
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.DurableTask", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            // Server: an activity's run, or an orchestration from its start; Client: an activity from scheduled to completed.
            ActivityStopped = span => Add($"span:{span.DisplayName} [{span.Kind}]", span.Duration.TotalMilliseconds),
        };
        ActivitySource.AddActivityListener(_spans);
    }

    public void Add(string series, double milliseconds) => _series.GetOrAdd(series, _ => new ConcurrentQueue<double>()).Enqueue(milliseconds);

    public void Reset() => _series.Clear();

    public IReadOnlyDictionary<string, SeriesSummary> Snapshot() =>
        _series.ToArray().OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => SeriesSummary.Of(s.Value.ToArray()));

    public void Dispose()
    {
        _meters.Dispose();
        _spans.Dispose();
    }

    private void OnRequest(double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key != "server.port" || tag.Value is not int port) continue;
            foreach (var (servicePort, service) in _services)
            {
                if (servicePort == port) Add("storage:" + service, seconds * 1000);
            }
            return;
        }
    }

    private static List<(int, string)> StoragePorts(string connection)
    {
        var ports = new List<(int, string)>();
        foreach (var part in connection.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (part.Split('=', 2)[0].Trim(), part.Split('=', 2).ElementAtOrDefault(1)?.Trim());
            if (value is null || !Uri.TryCreate(value, UriKind.Absolute, out var uri)) continue;
            if (key == "BlobEndpoint") ports.Add((uri.Port, "blob"));
            if (key == "QueueEndpoint") ports.Add((uri.Port, "queue"));
            if (key == "TableEndpoint") ports.Add((uri.Port, "table"));
        }
        return ports;
    }
}

public sealed record SeriesSummary(int Count, double P50, double P95, double Max, double Total)
{
    public static SeriesSummary Of(double[] values)
    {
        if (values.Length == 0) return new SeriesSummary(0, 0, 0, 0, 0);
        Array.Sort(values);
        double At(double p) => values[Math.Clamp((int)Math.Ceiling(p / 100 * values.Length) - 1, 0, values.Length - 1)];
        return new SeriesSummary(values.Length, At(50), At(95), values[^1], values.Sum());
    }
}

/// <summary>Feeds the engine's message and history log events (DurableTask.AzureStorage) into the <see cref="CostProfile"/>.</summary>
public sealed class CostProfileLoggerProvider(CostProfile profile) : ILoggerProvider
{
    public const string EngineCategory = "DurableTask.AzureStorage";

    public ILogger CreateLogger(string categoryName) => new EngineLogger(profile);

    public void Dispose()
    {
    }

    private sealed class EngineLogger(CostProfile profile) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var series = eventId.Name switch
            {
                "ReceivedMessage" => "queue-wait:",
                "ProcessingMessage" => "episode-wait:",
                "FetchedInstanceHistory" => "history:fetch",
                "AppendedInstanceHistory" => "history:append",
                _ => null,
            };
            if (series is null || state is not IEnumerable<KeyValuePair<string, object?>> fields) return;
            string? eventType = null;
            double? value = null;
            foreach (var (key, field) in fields)
            {
                if (key == "EventType") eventType = field as string;
                if (key is "Age" or "LatencyMs" && field is IConvertible number) value = number.ToDouble(null);
            }
            if (value is not { } milliseconds) return;
            profile.Add(series.EndsWith(':') ? series + (eventType ?? "?") : series, milliseconds);
        }
    }
}
