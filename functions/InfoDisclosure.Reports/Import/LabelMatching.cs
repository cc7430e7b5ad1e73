using System.Text;
using System.Text.RegularExpressions;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Import;

/// <summary>How a label is numbered: "一、" (a section or a top row), "（一）" (a part or a result group), "1." (an item).</summary>
public enum MarkerKind
{
    None,
    Section,
    Part,
    Item,
}

/// <summary>A label split into its numbering and the text after it, e.g. "(三) 不予公开" → Part 3, "不予公开".</summary>
public readonly record struct LabelMarker(MarkerKind Kind, int Number, string Text);

/// <summary>
/// Tolerant reading of the template's labels as published reports print them: full-width or half-width digits and
/// parentheses, stray spaces, "1、" for "1.", **bold** markers, and typos (compared by similarity, not equality).
/// </summary>
public static partial class LabelMatching
{
    /// <summary>
    /// A canonical form for comparing labels: full-width ASCII to half-width, whitespace and "**" removed,
    /// curly quotes unified. Never used for text that is kept.
    /// </summary>
    public static string Normalize(string label)
    {
        // Most labels are already in canonical form: no copy for them.
        var i = 0;
        while (i < label.Length && !Changes(label[i])) i++;
        if (i == label.Length) return label;

        var sb = new StringBuilder(label.Length);
        sb.Append(label, 0, i);
        for (; i < label.Length; i++)
        {
            var ch = label[i];
            var c = ch switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(ch - 0xFEE0),
                '\u3000' => ' ',
                '“' or '”' or '„' => '"',
                '‘' or '’' => '\'',
                _ => ch,
            };
            if (IsWhiteSpace(c) || c == '*') continue;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Whether <see cref="Normalize"/> changes or removes the character; every Chinese character is told apart at once.</summary>
    private static bool Changes(char c) =>
        c > '\u3000' ? c is >= '\uFF01' and <= '\uFF5E' : c is '“' or '”' or '„' or '‘' or '’' or '*' || char.IsWhiteSpace(c);

    /// <summary>
    /// <see cref="char.IsWhiteSpace(char)"/>, answered without a table look-up for the characters above U+3000 (every
    /// Chinese character), none of which is white space.
    /// </summary>
    internal static bool IsWhiteSpace(char c) => c <= '\u3000' && char.IsWhiteSpace(c);

    /// <summary>
    /// Whether <see cref="Cell.Parse"/> reads the text as a number. Text with a character no number has (a Chinese
    /// character, a letter) is answered without parsing: most label cells.
    /// </summary>
    internal static bool IsNumber(string text)
    {
        // 1 to 28 ASCII digits always parse (a decimal holds 28 digits): most figure cells.
        if (text.Length is > 0 and <= 28 && IsAsciiDigits(text)) return true;
        foreach (var c in text)
        {
            if (!(char.IsAsciiDigit(c) || c is '.' or '-' or ',' or ' ' or (>= '\uFF0B' and <= '\uFF19') || IsWhiteSpace(c))) return false;
        }
        return Cell.Parse(text).IsNumber;
    }

    /// <summary><see cref="Cell.Parse"/>, with a plain count (1 to 28 ASCII digits, most cells) read directly.</summary>
    internal static Cell ParseCell(string text)
    {
        if (text.Length is 0 or > 28 || !IsAsciiDigits(text)) return Cell.Parse(text);
        // Up to 18 digits fit a long: summed here, as decimal.Parse would read them (an integer, scale 0).
        if (text.Length <= 18)
        {
            var value = 0L;
            foreach (var c in text) value = value * 10 + (c - '0');
            return Cell.Of(value);
        }
        return Cell.Of(decimal.Parse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static bool IsAsciiDigits(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return true;
    }

    /// <summary>Similarity of two labels in [0, 1]: 2·LCS / (|a| + |b|) over their normalized forms.</summary>
    public static double Similarity(string a, string b) => SimilarityOfNormalized(Normalize(a), Normalize(b));

    /// <summary><see cref="Similarity"/> of two labels already in <see cref="Normalize"/>d form.</summary>
    internal static double SimilarityOfNormalized(string x, string y)
    {
        if (x.Length + y.Length == 0) return 1;
        if (x == y) return 1;
        return 2.0 * LongestCommonSubsequence(x, y) / (x.Length + y.Length);
    }

    private static int LongestCommonSubsequence(string a, string b)
    {
        Span<int> rows = b.Length < 128 ? stackalloc int[2 * (b.Length + 1)] : new int[2 * (b.Length + 1)];
        rows.Clear();
        var previous = rows[..(b.Length + 1)];
        var current = rows[(b.Length + 1)..];
        foreach (var ca in a)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = ca == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.Length];
    }

    /// <summary>The numbering at the start of a label, if any.</summary>
    public static LabelMarker ParseMarker(string label)
    {
        var s = Trim(label, 0).Replace("**", "");
        if (MatchPart(s, out var part, out var length)) return new(MarkerKind.Part, part, Trim(s, length));
        if (MatchSection(s, out var section, out length)) return new(MarkerKind.Section, section, Trim(s, length));
        if (MatchItem(s, out var item, out length)) return new(MarkerKind.Item, item, Trim(s, length));
        return new(MarkerKind.None, 0, s);
    }

    /// <summary>s[start..].Trim(), telling white space by <see cref="IsWhiteSpace"/> (the same characters, found sooner).</summary>
    private static string Trim(string s, int start)
    {
        var end = s.Length;
        while (start < end && IsWhiteSpace(s[start])) start++;
        while (end > start && IsWhiteSpace(s[end - 1])) end--;
        return start == 0 && end == s.Length ? s : s[start..end];
    }

    /// <summary>The kind of <see cref="ParseMarker"/>, without the text after the marker.</summary>
    internal static MarkerKind MarkerKindOf(string label)
    {
        var s = Trim(label, 0).Replace("**", "");
        if (MatchPart(s, out _, out _)) return MarkerKind.Part;
        if (MatchSection(s, out _, out _)) return MarkerKind.Section;
        return MatchItem(s, out _, out _) ? MarkerKind.Item : MarkerKind.None;
    }

    // The three markers are matched by hand (labels are read by the thousand): each method matches exactly what its
    // pattern says, white space being what \s is (char.IsWhiteSpace), and gives the number and the length matched.

    /// <summary>^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*, the numeral read by <see cref="ChineseNumeral(string)"/>.</summary>
    private static bool MatchPart(string s, out int number, out int length)
    {
        number = length = 0;
        if (s.Length == 0 || s[0] is not ('（' or '(')) return false;
        var i = SkipWhiteSpace(s, 1);
        var numeral = i;
        while (i < s.Length && IsChineseNumeral(s[i])) i++;
        if (i == numeral) return false;
        var numeralEnd = i;
        i = SkipWhiteSpace(s, i);
        if (i >= s.Length || s[i] is not ('）' or ')')) return false;
        if (ChineseNumeral(s.AsSpan(numeral, numeralEnd - numeral)) is not { } n) return false;
        number = n;
        length = SkipWhiteSpace(s, i + 1);
        return true;
    }

    /// <summary>^([一二三四五六七八九十]+)\s*[、．.]\s*</summary>
    private static bool MatchSection(string s, out int number, out int length)
    {
        number = length = 0;
        var i = 0;
        while (i < s.Length && IsChineseNumeral(s[i])) i++;
        if (i == 0) return false;
        var numeralEnd = i;
        i = SkipWhiteSpace(s, i);
        if (i >= s.Length || s[i] is not ('、' or '．' or '.')) return false;
        if (ChineseNumeral(s.AsSpan(0, numeralEnd)) is not { } n) return false;
        number = n;
        length = SkipWhiteSpace(s, i + 1);
        return true;
    }

    /// <summary>^([0-9０-９]{1,2})\s*[.、．,，](?![0-9０-９])\s* — "1." but not "1.5": a decimal is a figure, not a numbered label.</summary>
    private static bool MatchItem(string s, out int number, out int length)
    {
        number = length = 0;
        var i = 0;
        while (i < s.Length && i < 2 && IsItemDigit(s[i])) i++;
        // A third digit leaves no separator where the pattern needs one, however many digits it takes.
        if (i == 0 || (i < s.Length && IsItemDigit(s[i]))) return false;
        var digitsEnd = i;
        i = SkipWhiteSpace(s, i);
        if (i >= s.Length || s[i] is not ('.' or '、' or '．' or ',' or '，')) return false;
        if (i + 1 < s.Length && IsItemDigit(s[i + 1])) return false;
        for (var k = 0; k < digitsEnd; k++) number = number * 10 + (s[k] >= '０' ? s[k] - '０' : s[k] - '0');
        length = SkipWhiteSpace(s, i + 1);
        return true;
    }

    private static bool IsItemDigit(char c) => c is (>= '0' and <= '9') or (>= '０' and <= '９');

    private static int SkipWhiteSpace(string s, int i)
    {
        while (i < s.Length && IsWhiteSpace(s[i])) i++;
        return i;
    }

    private static bool IsChineseNumeral(char c) => c is '一' or '二' or '三' or '四' or '五' or '六' or '七' or '八' or '九' or '十';

    /// <summary>The first character of a label that is neither white space nor a bold marker's "*"; '\0' when none.</summary>
    private static char FirstSignificant(string label)
    {
        foreach (var c in label)
        {
            if (c != '*' && !IsWhiteSpace(c)) return c;
        }
        return '\0';
    }

    /// <summary>一 … 九十九 as a number.</summary>
    public static int? ChineseNumeral(string s) => ChineseNumeral(s.AsSpan());

    private static int? ChineseNumeral(ReadOnlySpan<char> s)
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

    public static string ChineseNumeral(int n) => n switch
    {
        >= 1 and <= 9 => "一二三四五六七八九"[n - 1].ToString(),
        10 => "十",
        > 10 and < 20 => "十" + ChineseNumeral(n - 10),
        >= 20 and < 100 => ChineseNumeral(n / 10) + "十" + (n % 10 == 0 ? "" : ChineseNumeral(n % 10)),
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The label's text without its numbering, e.g. "1.属于国家秘密" → "属于国家秘密".</summary>
    public static string StripMarker(string label) => ParseMarker(label).Text;

    /// <summary>Keywords one of which a section heading carries, so that a table row such as "四、结转下年度继续办理" is not taken for one.</summary>
    private static readonly string[][] HeadingKeywords =
    [
        ["总体"],
        ["主动公开"],
        ["申请"],
        ["复议", "诉讼"],
        ["问题", "改进"],
        ["其他", "事项"],
    ];

    /// <summary>
    /// A line "一、总体情况" … "六、其他需要报告的事项": the section's number and its heading as printed.
    /// A heading is short, is not a table row (no cell separators) and names its section's subject.
    /// </summary>
    public static bool TryParseSectionHeading(string line, out int number, out string heading)
    {
        number = 0;
        heading = "";
        // A heading starts with its Chinese numeral (after any spaces and bold markers): most lines are rejected here.
        if (!IsChineseNumeral(FirstSignificant(line))) return false;
        if (line.Contains('\t') || HasCellSeparator(line.AsSpan().Trim())) return false;
        var marker = ParseMarker(line);
        if (marker.Kind != MarkerKind.Section || marker.Number is < 1 or > 6) return false;
        var text = marker.Text;
        if (text.Length == 0 || text.Length > 40 || text.EndsWith('。') || text.EndsWith('；')) return false;
        if (!HeadingKeywords[marker.Number - 1].Any(k => text.Contains(k, StringComparison.Ordinal))) return false;
        number = marker.Number;
        heading = text;
        return true;
    }

    /// <summary>The wordings of the six section headings (after "一、" …) in the 2021 template and the 2019 one.</summary>
    private static readonly string[][] HeadingWordings =
    [
        ["总体情况"],
        ["主动公开政府信息情况"],
        ["收到和处理政府信息公开申请情况"],
        ["政府信息公开行政复议、行政诉讼情况"],
        ["存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况"],
        ["其他需要报告的事项"],
    ];

    /// <summary>Characters a heading may add or leave out without being mistyped ("存在主要问题", "工作总体情况").</summary>
    private const string OptionalInHeadings = "的工作";

    /// <summary>The most characters a heading may have mistyped.</summary>
    private const int MaxHeadingDistance = 2;

    /// <summary>
    /// The template's wording of section <paramref name="number"/>'s heading when the printed one is that wording
    /// mistyped (one or two characters added, left out or changed, e.g. "政府信息公开行政法复议、行政诉讼情况"); null
    /// when it is the template's wording or worded otherwise altogether.
    /// </summary>
    public static string? MistypedHeading(int number, string heading)
    {
        if (number is < 1 or > 6) return null;
        var printed = Normalize(heading);
        string? closest = null;
        var best = int.MaxValue;
        foreach (var wording in HeadingWordings[number - 1])
        {
            // Most headings are printed as the template words them: no distance to compute.
            if (printed == wording) return null;
            var distance = EditDistance(printed, wording, OptionalInHeadings, MaxHeadingDistance);
            if (distance == 0) return null;
            if (distance < best) (best, closest) = (distance, wording);
        }
        return best <= MaxHeadingDistance ? closest : null;
    }

    /// <summary>The header labels of section 四's table, as the template words them.</summary>
    public static readonly string[] ReviewHeaderWordings =
        ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", .. ReportCells.Outcomes.Select(o => o.Label)];

    /// <summary>
    /// The template's wording a table label was mistyped from: the closest of <paramref name="wordings"/>, one
    /// character in four at most added, left out or changed (e.g. "行政法复议" for "行政复议"); null when the label is
    /// printed as the template has it, or is none of its labels.
    /// </summary>
    public static string? MistypedLabel(string label, IReadOnlyList<string> wordings)
    {
        var printed = Normalize(label);
        if (printed.Length == 0) return null;
        // Printed as one of the wordings (most labels): at distance 0, so no typo, whichever wording comes first.
        foreach (var wording in wordings)
        {
            if (printed == Normalize(wording)) return null;
        }
        // Only the closest wording decides, and it is a typo only within its own allowance (at most 2): distances
        // beyond the largest allowance need not be known, only that they are too far.
        var maxDistance = 0;
        foreach (var wording in wordings) maxDistance = Math.Max(maxDistance, TypoAllowance(Normalize(wording)));
        string? closest = null;
        var best = int.MaxValue;
        foreach (var wording in wordings)
        {
            var normalized = Normalize(wording);
            // Only a wording closer than the closest so far can change the answer.
            var distance = EditDistance(printed, normalized, "", Math.Min(maxDistance, best - 1));
            if (distance < best && distance <= maxDistance) (best, closest) = (distance, wording);
        }
        return closest is not null && best <= TypoAllowance(Normalize(closest)) ? closest : null;
    }

    /// <summary>How many characters a table label may have mistyped: one in four, at most 2.</summary>
    private static int TypoAllowance(string normalizedWording) => Math.Min(2, normalizedWording.Length / 4);

    /// <summary>The <see cref="Rules.LabelTypo"/> finding for a row label of section 二 read tolerantly.</summary>
    public static Finding ProactiveLabelTypo(string where, string printed, string template) =>
        new(Rules.LabelTypo, Severity.Warning, where, $"第二部分的行名印为“{printed.Trim()}”，模板为“{template}”。");

    /// <summary>The <see cref="Rules.LabelTypo"/> finding for a header label of section 四's table.</summary>
    public static Finding ReviewLabelTypo(string where, string printed, string template) =>
        new(Rules.LabelTypo, Severity.Warning, where, $"第四部分的表头印为“{printed.Trim()}”，模板为“{template}”。");

    /// <summary>
    /// Edit distance where adding or leaving out one of <paramref name="optional"/> costs nothing, when it is at most
    /// <paramref name="max"/>; any value above <paramref name="max"/> when it is more (the rest is not computed).
    /// </summary>
    private static int EditDistance(string a, string b, string optional, int max)
    {
        // Every character added or left out costs 1 when none is optional: lengths this far apart are too far.
        if (optional.Length == 0 && Math.Abs(a.Length - b.Length) > max) return max + 1;
        Span<int> rows = b.Length < 128 ? stackalloc int[2 * (b.Length + 1)] : new int[2 * (b.Length + 1)];
        var previous = rows[..(b.Length + 1)];
        var current = rows[(b.Length + 1)..];
        previous[0] = 0;
        for (var j = 1; j <= b.Length; j++) previous[j] = previous[j - 1] + Cost(b[j - 1], optional);
        for (var i = 1; i <= a.Length; i++)
        {
            var costA = Cost(a[i - 1], optional);
            current[0] = previous[0] + costA;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(previous[j] + costA, current[j - 1] + Cost(b[j - 1], optional)),
                    previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                rowMin = Math.Min(rowMin, current[j]);
            }
            // No cost is negative, so no later row gets below this one's least.
            if (rowMin > max) return max + 1;
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.Length];
    }

    private static int Cost(char c, string optional) => optional.Length > 0 && optional.Contains(c) ? 0 : 1;

    /// <summary>
    /// A numbered part "（一）…" or "(一) …" at the start of a line of prose: its number and the text after the
    /// marker, verbatim (bold markers and all).
    /// </summary>
    public static bool TryParsePart(string line, out int number, out string rest)
    {
        if (MatchPart(line, out number, out var length))
        {
            rest = line[length..];
            return true;
        }
        rest = line;
        return false;
    }

    /// <summary>Whether <see cref="CellSeparator"/> matches somewhere in the text, without the pattern (most lines are short).</summary>
    private static bool HasCellSeparator(ReadOnlySpan<char> text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] is ' ' or '\u3000' && text[i - 1] is ' ' or '\u3000') return true;
        }
        return false;
    }

    /// <summary>Two or more spaces: a cell separator when a table was copied with spaces instead of tabs.</summary>
    [GeneratedRegex(@"[ \u3000]{2,}")]
    public static partial Regex CellSeparator();

}

/// <summary>
/// Recognises the rows of section 三 from the label cells of each printed row, in order. Rows are matched by their
/// numbering within the current group (so "3.其他" after the （六） rows is （六）3 even with its label in the wrong cell)
/// and by label similarity (so "2.其他法律行政止公开" is （三）2), never by exact text.
/// </summary>
public sealed class ApplicationRowMatcher
{
    /// <summary>A row as its labels number it: top row 一/二/四, result group （一）…（七）, item within the group.</summary>
    private sealed record RowKey(ApplicationRow Row, int Section, int Part, int Item, string Text)
    {
        public string NormalizedText { get; } = LabelMatching.Normalize(Text);

        /// <summary>Where the key stands in <see cref="Keys"/>.</summary>
        public int Index { get; init; }
    }

    private static readonly RowKey[] Keys = BuildKeys();

    private int currentGroup;
    private int nextIndex;

    /// <summary>
    /// The row label of the last <see cref="Match"/> when it was accepted tolerantly but differs from the template's
    /// wording (printed, template); null when printed as the template has it.
    /// </summary>
    public (string Printed, string Template)? Typo { get; private set; }

    /// <summary>The <see cref="Rules.LabelTypo"/> finding for the last match, if its label was mistyped.</summary>
    public Finding? TypoFinding(string where, ApplicationRow row) => Typo is var (printed, template)
        ? new Finding(Rules.LabelTypo, Severity.Warning, where,
            $"第三部分{row.Group}的行名印为“{printed}”，模板为“{template}”。")
        : null;

    /// <summary>What a line of labels is: a row of the table, the "三、本年度办理结果" heading alone, or nothing known.</summary>
    public enum Outcome
    {
        Row,
        GroupHeading,
        Unknown,
    }

    /// <summary>Matches the non-empty label cells of one printed row.</summary>
    public (Outcome Outcome, ApplicationRow? Row) Match(IReadOnlyList<string> labels)
    {
        Typo = null;
        int section = 0, part = 0, item = 0;
        var text = "";
        foreach (var label in labels)
        {
            var marker = LabelMatching.ParseMarker(label);
            switch (marker.Kind)
            {
                case MarkerKind.Section: section = marker.Number; break;
                case MarkerKind.Part: part = marker.Number; break;
                case MarkerKind.Item: item = marker.Number; break;
            }
            if (marker.Text.Length > 0) text = marker.Text;
        }

        if (section == 3 && part == 0 && item == 0) return (Outcome.GroupHeading, null);
        if (part is >= 3 and <= 6) currentGroup = part;
        if (item > 0 && part == 0) part = currentGroup != 0 ? currentGroup : Keys[Math.Min(nextIndex, Keys.Length - 1)].Part;
        if (section == 3) section = 0;

        var normalized = LabelMatching.Normalize(text);
        RowKey? found = null;
        if (section != 0 || part != 0)
        {
            found = KeyNumbered(section, part, item);
            // The numbering names a row; the text must not contradict it outright (the same text never does).
            if (found is not null && text.Length > 0 && normalized != found.NormalizedText
                && LabelMatching.SimilarityOfNormalized(normalized, found.NormalizedText) < 0.3) found = null;
        }
        found ??= BestBySimilarity(normalized);
        if (found is null) return (Outcome.Unknown, null);

        if (found.Part is >= 3 and <= 6) currentGroup = found.Part;
        nextIndex = found.Index + 1;
        if (text.Length > 0 && normalized != found.NormalizedText) Typo = (text, found.Text);
        return (Outcome.Row, found.Row);
    }

    private static RowKey? KeyNumbered(int section, int part, int item)
    {
        foreach (var key in Keys)
        {
            if (key.Section == section && key.Part == part && key.Item == item) return key;
        }
        return null;
    }

    private RowKey? BestBySimilarity(string normalized)
    {
        if (normalized.Length == 0) return null;
        RowKey? best = null;
        var bestScore = 0.0;
        for (var i = 0; i < Keys.Length; i++)
        {
            var key = Keys[i];
            var score = LabelMatching.SimilarityOfNormalized(normalized, key.NormalizedText);
            if (score < 0.6) continue;
            // Among close labels ("其他" is in several), prefer the row the order of the template expects next.
            if (i == nextIndex) score += 0.25;
            if (key.Part == currentGroup && currentGroup != 0) score += 0.1;
            if (score > bestScore)
            {
                best = key;
                bestScore = score;
            }
        }
        return best;
    }

    private static RowKey[] BuildKeys()
    {
        var keys = new List<RowKey>
        {
            new(ApplicationRows.NewApplications, 1, 0, 0, LabelMatching.StripMarker(ApplicationRows.NewApplications.Label)),
            new(ApplicationRows.CarriedOver, 2, 0, 0, LabelMatching.StripMarker(ApplicationRows.CarriedOver.Label)),
            new(ApplicationRows.Disclosed, 0, 1, 0, LabelMatching.StripMarker(ApplicationRows.Disclosed.Label)),
            new(ApplicationRows.PartiallyDisclosed, 0, 2, 0, LabelMatching.StripMarker(ApplicationRows.PartiallyDisclosed.Label)),
        };
        void AddGroup(int part, ApplicationRow[] rows)
        {
            for (var i = 0; i < rows.Length; i++) keys.Add(new(rows[i], 0, part, i + 1, LabelMatching.StripMarker(rows[i].Label)));
        }
        AddGroup(3, ApplicationRows.NotDisclosed);
        AddGroup(4, ApplicationRows.UnableToProvide);
        AddGroup(5, ApplicationRows.NotProcessed);
        AddGroup(6, ApplicationRows.OtherProcessing);
        keys.Add(new(ApplicationRows.OtherProcessingSingleRow, 0, 6, 0, LabelMatching.StripMarker(ApplicationRows.OtherProcessingSingleRow.Label)));
        keys.Add(new(ApplicationRows.ResultsTotal, 0, 7, 0, LabelMatching.StripMarker(ApplicationRows.ResultsTotal.Label)));
        keys.Add(new(ApplicationRows.CarriedForward, 4, 0, 0, LabelMatching.StripMarker(ApplicationRows.CarriedForward.Label)));
        return keys.Select((key, index) => key with { Index = index }).ToArray();
    }
}
