using System.Globalization;

namespace InfoDisclosure.Reports.Model;

/// <summary>
/// One figure of a table. Blank, a number, or text that is not a number ("/", "251000元"):
/// the report keeps what was written so that nothing is dropped or invented on import.
/// </summary>
public readonly record struct Cell
{
    public decimal? Value { get; }
    public string? Text { get; }

    private Cell(decimal? value, string? text)
    {
        Value = value;
        Text = text;
    }

    public static readonly Cell Blank = default;

    public static Cell Of(decimal value) => new(value, null);

    /// <summary>
    /// What a person wrote in the cell: blank, a plain number (full-width digits and thousands
    /// separators allowed), or anything else kept verbatim as text.
    /// </summary>
    public static Cell Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Blank;
        var trimmed = text.Trim();
        var normalized = NormalizeDigits(trimmed).Replace(",", "").Replace(" ", "");
        if (normalized.Length > 0 && normalized.Length <= 29
            && normalized.All(c => char.IsAsciiDigit(c) || c is '.' or '-')
            && decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return Of(value);
        }
        return new(null, trimmed);
    }

    /// <summary>Full-width digits, sign, point and comma to ASCII.</summary>
    public static string NormalizeDigits(string s)
    {
        if (!s.Any(c => c is >= '\uFF0B' and <= '\uFF19')) return s;
        return string.Create(s.Length, s, static (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                var c = src[i];
                span[i] = c is >= '\uFF0B' and <= '\uFF19' ? (char)(c - 0xFEE0) : c;
            }
        });
    }

    public bool IsBlank => Value is null && Text is null;
    public bool IsNumber => Value is not null;

    /// <summary>A whole non-negative number, as a count must be.</summary>
    public bool IsCount => Value is { } v && v >= 0 && decimal.Truncate(v) == v;

    /// <summary>The value for arithmetic; blank and text count as 0 (validation reports them separately).</summary>
    public decimal Number => Value ?? 0m;

    public override string ToString() => Value is { } v ? Format(v) : Text ?? "";

    public static string Format(decimal v) => v.ToString("0.############################", CultureInfo.InvariantCulture);

    public static Cell operator +(Cell a, Cell b) => Of(a.Number + b.Number);
}
