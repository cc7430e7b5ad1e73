using Azure.Data.Tables;
using Fluid;
using Fluid.Values;
using Microsoft.DurableTask.Client;
using Newtonsoft.Json.Linq;

namespace InfoDisclosure.Workflow.Tests.Monitoring;

/// <summary>
/// What DfMon (6.x, microsoft/DurableFunctionsMonitor, dotnetisolated.core) renders a custom tab against: its
/// DetailedOrchestrationStatus, built from the client's instance metadata (JSON fields parsed into Newtonsoft tokens)
/// and the rows of the task hub's History table. Property names as in DfMon, since templates address them.
/// </summary>
public sealed class DfMonInstance
{
    public string Name { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public DateTime CreatedTime { get; set; }
    public DateTime LastUpdatedTime { get; set; }
    public JToken? Input { get; set; }
    public JToken? Output { get; set; }
    public OrchestrationRuntimeStatus RuntimeStatus { get; set; }
    public JToken? CustomStatus { get; set; }
    public JArray? History { get; set; }

    /// <summary>DfMon's HistoryEvent, one per row it reads from the History table.</summary>
    public sealed record HistoryEvent(DateTimeOffset Timestamp, string? EventType, int? EventId, string? Name, string? Input, string? Result);

    public static async Task<DfMonInstance> LoadAsync(DurableTaskClient durable, TableServiceClient tables, string taskHub, string instanceId)
    {
        var metadata = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true)
            ?? throw new InvalidOperationException($"{instanceId} does not exist.");
        var history = new List<TableEntity>();
        await foreach (var row in tables.GetTableClient(taskHub + "History").QueryAsync<TableEntity>(x => x.PartitionKey == instanceId))
        {
            if (row.RowKey != "sentinel") history.Add(row);
        }
        history.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
        return new DfMonInstance
        {
            Name = metadata.Name,
            InstanceId = metadata.InstanceId,
            CreatedTime = metadata.CreatedAt.UtcDateTime,
            LastUpdatedTime = metadata.LastUpdatedAt.UtcDateTime,
            Input = ToJToken(metadata.SerializedInput),
            Output = ToJToken(metadata.SerializedOutput),
            RuntimeStatus = metadata.RuntimeStatus,
            CustomStatus = ToJToken(metadata.SerializedCustomStatus),
            History = JArray.FromObject(history.Select(row => new HistoryEvent(
                row.GetDateTimeOffset("_Timestamp") ?? row.Timestamp ?? default,
                row.GetString("EventType"),
                row.GetInt32("TaskScheduledId"),
                row.GetString("Name"),
                row.GetString("Input"),
                row.GetString("Result")))),
        };
    }

    /// <summary>Renders a tab template the way DfMon's Orchestration.cs does (same parser and options), at <paramref name="now"/>.</summary>
    public string Render(string template, DateTimeOffset now)
    {
        var parsed = new FluidParser().Parse(template);
        var options = new TemplateOptions();
        options.MemberAccessStrategy.Register<JObject, object>((obj, fieldName) => obj[fieldName]!);
        options.ValueConverters.Add(x => x is JObject obj ? new ObjectValue(obj) : null);
        options.ValueConverters.Add(x => x is JValue val ? val.Value : null);
        // DfMon leaves the clock to the machine's; the test fixes it so days left are known.
        options.Now = () => now;
        return parsed.Render(new TemplateContext(this, options));
    }

    private static JToken ToJToken(string? text) =>
        text is null ? string.Empty : text.StartsWith('{') || text.StartsWith('[') ? JToken.Parse(text) : text;
}
