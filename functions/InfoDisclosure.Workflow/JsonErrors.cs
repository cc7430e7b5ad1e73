using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace InfoDisclosure.Workflow;

/// <summary>
/// A JSON reading failure as the caller should read it: the field's JSON path and what is wrong there, in the words
/// of JSON (a string, a number, an object), never the name of a .NET type the caller has never heard of.
/// </summary>
public static class JsonErrors
{
    public static (string Field, string Message) Explain(JsonException e, Type root, JsonSerializerOptions options)
    {
        var field = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
        var message = e.Message;
        string explained;
        if (e.InnerException?.GetType().Name == "JsonReaderException")
        {
            explained = Syntax(Before(e.InnerException.Message, " LineNumber: "), e);
        }
        else if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            explained = "There is no such field (check its spelling).";
        }
        else if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            explained = "The field appears more than once.";
        }
        else if (message.Contains("doesn't allow setting null values", StringComparison.Ordinal)
            || message.Contains("doesn't allow null values", StringComparison.Ordinal))
        {
            explained = "A value is required here; null is not allowed.";
        }
        else if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            explained = "Required fields are missing.";
        }
        else if (message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
        {
            explained = TypeAt(root, field, options) is { } expected ? $"Expected {Describe(expected, options)}." : "The value has the wrong type.";
        }
        else
        {
            // A converter's own message (e.g. "A cell is a number, null (blank) or a string."): already in the caller's terms.
            explained = Before(message, " Path: ");
        }
        return (field, explained);
    }

    private static string Syntax(string message, JsonException e)
    {
        var where = e.LineNumber is { } line && e.BytePositionInLine is { } position ? $" (line {line + 1}, byte {position + 1})" : "";
        if (message.StartsWith("'/'", StringComparison.Ordinal)) return $"Comments are not allowed in JSON{where}.";
        if (message.Contains("trailing comma", StringComparison.Ordinal)) return $"Trailing commas are not allowed in JSON{where}.";
        if (message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal)) return "A JSON body is required.";
        return $"Not valid JSON: {message.TrimEnd('.', ' ')}{where}.";
    }

    private static string Before(string message, string marker)
    {
        var cut = message.IndexOf(marker, StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>The .NET type the reader expected at a path such as "$.reviewChain[0].reviewers[1].email", via the contract's metadata.</summary>
    private static Type? TypeAt(Type root, string path, JsonSerializerOptions options)
    {
        var info = options.GetTypeInfo(root);
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                var name = path[(i + 1)..end];
                Type? next = info.Kind == JsonTypeInfoKind.Dictionary
                    ? info.ElementType
                    : info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType;
                if (next is null) return null;
                info = options.GetTypeInfo(next);
                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || info.ElementType is null) return null;
                info = options.GetTypeInfo(info.ElementType);
                i = end + 1;
            }
            else
            {
                return null;
            }
        }
        return info.Type;
    }

    private static string Describe(Type type, JsonSerializerOptions options)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return $"{Describe(inner, options)} or null";
        if (type == typeof(string) || type.IsEnum) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly)) return "a date as an ISO 8601 string";
        if (Type.GetTypeCode(type) is >= TypeCode.SByte and <= TypeCode.Decimal) return "a number";
        return options.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            _ => "a value of another kind",
        };
    }
}
