using System.Text;
using System.Text.RegularExpressions;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Tests.Import.Reference;

/// <summary>
/// The label readers as they were before they were matched by hand (functions/InfoDisclosure.Reports/Import/LabelMatching.cs
/// at 39190fc^, i.e. 66d84f3…e536579): regular expressions and plain loops, kept verbatim as the reference the hand
/// matchers must agree with (<see cref="LabelMatchingReferenceTests"/>).
/// </summary>
internal static partial class RegexLabelMatching
{
    public static string Normalize(string label)
    {
        var sb = new StringBuilder(label.Length);
        foreach (var ch in label)
        {
            var c = ch switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(ch - 0xFEE0),
                '\u3000' => ' ',
                '“' or '”' or '„' => '"',
                '‘' or '’' => '\'',
                _ => ch,
            };
            if (char.IsWhiteSpace(c) || c == '*') continue;
            sb.Append(c);
        }
        return sb.ToString();
    }

    public static double Similarity(string a, string b)
    {
        var x = Normalize(a);
        var y = Normalize(b);
        if (x.Length + y.Length == 0) return 1;
        if (x == y) return 1;
        return 2.0 * LongestCommonSubsequence(x, y) / (x.Length + y.Length);
    }

    private static int LongestCommonSubsequence(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        foreach (var ca in a)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = ca == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    public static LabelMarker ParseMarker(string label)
    {
        var s = label.Trim().Replace("**", "");
        var m = PartMarker().Match(s);
        if (m.Success && ChineseNumeral(m.Groups[1].Value) is { } part)
        {
            return new(MarkerKind.Part, part, s[m.Length..].Trim());
        }
        m = SectionMarker().Match(s);
        if (m.Success && ChineseNumeral(m.Groups[1].Value) is { } section)
        {
            return new(MarkerKind.Section, section, s[m.Length..].Trim());
        }
        m = ItemMarker().Match(s);
        if (m.Success && int.TryParse(Cell.NormalizeDigits(m.Groups[1].Value), out var item))
        {
            return new(MarkerKind.Item, item, s[m.Length..].Trim());
        }
        return new(MarkerKind.None, 0, s);
    }

    public static int? ChineseNumeral(string s)
    {
        const string digits = "零一二三四五六七八九";
        if (s.Length == 0) return null;
        var ten = s.IndexOf('十');
        if (ten < 0) return s.Length == 1 && digits.IndexOf(s[0]) is > 0 and var d ? d : null;
        var tens = ten == 0 ? 1 : ten == 1 && digits.IndexOf(s[0]) is > 0 and var t ? t : -1;
        var rest = s[(ten + 1)..];
        var ones = rest.Length == 0 ? 0 : rest.Length == 1 && digits.IndexOf(rest[0]) is > 0 and var o ? o : -1;
        return tens < 0 || ones < 0 ? null : tens * 10 + ones;
    }

    private static readonly string[][] HeadingKeywords =
    [
        ["总体"],
        ["主动公开"],
        ["申请"],
        ["复议", "诉讼"],
        ["问题", "改进"],
        ["其他", "事项"],
    ];

    public static bool TryParseSectionHeading(string line, out int number, out string heading)
    {
        number = 0;
        heading = "";
        if (line.Contains('\t') || CellSeparator().IsMatch(line.Trim())) return false;
        var marker = ParseMarker(line);
        if (marker.Kind != MarkerKind.Section || marker.Number is < 1 or > 6) return false;
        var text = marker.Text;
        if (text.Length == 0 || text.Length > 40 || text.EndsWith('。') || text.EndsWith('；')) return false;
        if (!HeadingKeywords[marker.Number - 1].Any(k => text.Contains(k, StringComparison.Ordinal))) return false;
        number = marker.Number;
        heading = text;
        return true;
    }

    public static bool TryParsePart(string line, out int number, out string rest)
    {
        var m = PartMarker().Match(line);
        if (m.Success && ChineseNumeral(m.Groups[1].Value) is { } n)
        {
            number = n;
            rest = line[m.Length..];
            return true;
        }
        number = 0;
        rest = line;
        return false;
    }

    [GeneratedRegex(@"[ \u3000]{2,}")]
    private static partial Regex CellSeparator();

    [GeneratedRegex(@"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*")]
    private static partial Regex PartMarker();

    [GeneratedRegex(@"^([一二三四五六七八九十]+)\s*[、．.]\s*")]
    private static partial Regex SectionMarker();

    // "1." but not "1.5": a decimal is a figure, not a numbered label.
    [GeneratedRegex(@"^([0-9０-９]{1,2})\s*[.、．,，](?![0-9０-９])\s*")]
    private static partial Regex ItemMarker();
}
