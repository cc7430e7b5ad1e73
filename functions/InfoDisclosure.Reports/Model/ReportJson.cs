using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace InfoDisclosure.Reports.Model;

/// <summary>The report's JSON: camelCase names, Chinese text unescaped, cells as number, null (blank) or string (text as printed).</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions(indented: true);
    public static readonly JsonSerializerOptions Compact = CreateOptions(indented: false);

    public static JsonSerializerOptions CreateOptions(bool indented)
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
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    public static string Serialize(AnnualReport report, bool indented = true) =>
        JsonSerializer.Serialize(report, indented ? Options : Compact);

    /// <summary>Reads a report; a malformed document throws <see cref="JsonException"/> whose Path names the field.</summary>
    public static AnnualReport Deserialize(string json) =>
        JsonSerializer.Deserialize<AnnualReport>(json, Options) ?? throw new JsonException("The document is empty (null).");

    /// <summary>A deep copy through JSON.</summary>
    public static AnnualReport Clone(AnnualReport report) => Deserialize(Serialize(report, indented: false));
}

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
