using System.Globalization;
using System.Text;

namespace InfoDisclosure.Reports.Rendering;

/// <summary>
/// CSV for Excel: UTF-8 with a BOM (so Excel reads the Chinese), CRLF, every field quoted (RFC 4180). A text field that
/// Excel would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe; numbers stay numbers.
/// Agency names, file names and comments come from whoever wrote them.
/// </summary>
public sealed class CsvWriter
{
    private readonly StringBuilder _csv = new();

    public CsvWriter Line(IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) _csv.Append(',');
            _csv.Append(Quote(cells[i]));
        }
        _csv.Append("\r\n");
        return this;
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_csv.ToString())];

    public static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
