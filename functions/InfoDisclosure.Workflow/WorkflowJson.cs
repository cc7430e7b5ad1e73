using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Workflow;

/// <summary>
/// The API's JSON: camelCase, Chinese text unescaped, strict JSON only (no comments, no trailing commas, no field twice),
/// unknown fields refused (so a typo is named, not ignored).
/// </summary>
public static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// A report sent to the API: the report's own JSON rules (<see cref="ReportJson"/>), but strict like every API body.
    /// The CLI keeps the lenient reading for hand-edited files.
    /// </summary>
    public static readonly JsonSerializerOptions ReportInput = StrictReportOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("The document is empty (null).") ;

    private static JsonSerializerOptions StrictReportOptions()
    {
        var options = ReportJson.CreateOptions(indented: false);
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.AllowTrailingCommas = false;
        options.AllowDuplicateProperties = false;
        return options;
    }
}
