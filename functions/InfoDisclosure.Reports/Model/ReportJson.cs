using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace InfoDisclosure.Reports.Model;

/// <summary>The report's JSON: camelCase names, Chinese text unescaped, cells as number, null (blank) or string (text as printed).</summary>
public static class ReportJson
{
    private const string ForHosts = "Options for the hosts' own types, enums by reflection; the report itself is read and written without.";

    /// <summary>The report's options, with an enum converter for other types a host serializes alongside.</summary>
    public static JsonSerializerOptions Options
    {
        [RequiresDynamicCode(ForHosts)]
        get => WithEnums.Indented;
    }

    public static JsonSerializerOptions Compact
    {
        [RequiresDynamicCode(ForHosts)]
        get => WithEnums.Compact;
    }

    [RequiresDynamicCode(ForHosts)]
    public static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = ReportOptions(indented);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    [RequiresDynamicCode(ForHosts)]
    private static class WithEnums
    {
        public static readonly JsonSerializerOptions Indented = CreateOptions(indented: true);
        public static readonly JsonSerializerOptions Compact = CreateOptions(indented: false);
    }

    private static JsonSerializerOptions ReportOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            // A null where the model has no null (a section, a list of paragraphs) is refused with its path,
            // rather than read into a report that validation and rendering would trip over.
            RespectNullableAnnotations = true,
        };
        options.Converters.Add(new CellJsonConverter());
        return options;
    }

    // The report itself is read and written through generated metadata: no reflection, so the CLI can be compiled
    // ahead of time to native code (the report has no enums, so it needs no enum converter).
    private static readonly ReportJsonContext Indented = new(ReportOptions(indented: true));
    private static readonly ReportJsonContext Single = new(ReportOptions(indented: false));

    public static string Serialize(AnnualReport report, bool indented = true) =>
        JsonSerializer.Serialize(report, (indented ? Indented : Single).AnnualReport);

    /// <summary>Reads a report; a malformed document throws <see cref="JsonException"/> whose Path names the field.</summary>
    public static AnnualReport Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Indented.AnnualReport) ?? throw new JsonException("The document is empty (null).");

    /// <summary>A deep copy through JSON.</summary>
    public static AnnualReport Clone(AnnualReport report) => Deserialize(Serialize(report, indented: false));
}

[JsonSerializable(typeof(AnnualReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

public sealed class CellJsonConverter : JsonConverter<Cell>
{
    public override bool HandleNull => true;

    public override Cell Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => Cell.Blank,
        JsonTokenType.Number => Cell.Of(reader.GetDecimal()),
        JsonTokenType.String => Cell.Parse(reader.GetString() ?? ""),
        _ => throw new JsonException("A cell is a number, null (blank) or a string."),
    };

    public override void Write(Utf8JsonWriter writer, Cell value, JsonSerializerOptions options)
    {
        if (value.Value is { } number) writer.WriteRawValue(Cell.Format(number), skipInputValidation: true);
        else if (value.Text is { } text) writer.WriteStringValue(text);
        else writer.WriteNullValue();
    }
}
