using System.Text.RegularExpressions;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// Reads a report as plain text, the layout a person gets copying the portal page: a title block, the opening,
/// six numbered sections; tables one row per line, cells separated by tabs (or runs of two or more spaces), in the
/// template's column order, a label that spans rows printed on its first row only.
/// Prose is kept verbatim, line by line: each non-blank line is one paragraph (so **bold** markers stay as
/// printed), with surrounding whitespace trimmed. Whatever cannot be read is an IMPORT.UNREADABLE finding that names
/// the line; nothing is guessed.
/// </summary>
public static class TextImporter
{
    public static ImportResult Import(string text) => new TextReportReader(text).Read();

    /// <summary>
    /// The import of the text whose lines are <paramref name="lines"/> (none holding a line break), for a format whose
    /// tables of sections 二–四 are read from its grids: such a section given as its heading alone, at a line of
    /// <paramref name="tableHeadings"/>, is not read as text, since all that reading finds is its rows missing.
    /// </summary>
    internal static ImportResult ImportNarrative(IReadOnlyList<string> lines, IReadOnlySet<int> tableHeadings) =>
        new TextReportReader(lines, tableHeadings).Read();
}

/// <summary>One line of the input and its 1-based number.</summary>
internal readonly record struct SourceLine(int Number, string Text)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);

    public string Where => $"第{Number}行";
}

/// <summary>A numbered section: its heading line and the lines under it.</summary>
internal sealed record TextSection(int Number, string Heading, SourceLine HeadingLine, IReadOnlyList<SourceLine> Lines);

internal sealed partial class TextReportReader
{
    private static readonly string[] SectionNames =
    [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ];

    private readonly SourceLine[] lines;
    private readonly IReadOnlySet<int>? tableHeadings;
    private readonly List<Finding> findings = [];
    private readonly AnnualReport report = new();

    public TextReportReader(string text)
        : this(text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'), null)
    {
    }

    /// <summary>The reader of <see cref="TextImporter.ImportNarrative"/>.</summary>
    public TextReportReader(IReadOnlyList<string> lines, IReadOnlySet<int>? tableHeadings)
    {
        this.lines = new SourceLine[lines.Count];
        for (var i = 0; i < lines.Count; i++) this.lines[i] = new SourceLine(i + 1, lines[i]);
        this.tableHeadings = tableHeadings;
    }

    public ImportResult Read()
    {
        var afterTitle = ReadTitleBlock();
        var sections = FindSections(afterTitle);
        var openingEnd = sections.Count > 0 ? sections[0].HeadingLine.Number - 1 : lines.Length;
        ReadOpening(lines[afterTitle..openingEnd]);

        for (var n = 1; n <= 6; n++)
        {
            var section = sections.FirstOrDefault(s => s.Number == n);
            if (section is null)
            {
                var next = sections.FirstOrDefault(s => s.Number > n);
                Unreadable(next?.HeadingLine ?? lines[^1], $"未找到第{LabelMatching.ChineseNumeral(n)}部分“{SectionNames[n - 1]}”。");
                continue;
            }
            if (n is 2 or 3 or 4 && IsReadElsewhere(section)) continue;
            switch (n)
            {
                case 1: ReadOverview(section); break;
                case 2: ReadProactiveDisclosure(section); break;
                case 3: ReadApplications(section); break;
                case 4: ReadReviewAndLitigation(section); break;
                case 5: ReadProblems(section); break;
                case 6: ReadOtherMatters(section); break;
            }
        }
        return new ImportResult(report, findings);
    }

    /// <summary>
    /// A section of <see cref="TextImporter.ImportNarrative"/> given as its heading alone: reading it would only find
    /// every row missing, at the heading, which the caller drops (the grids give the table).
    /// </summary>
    private bool IsReadElsewhere(TextSection section) =>
        tableHeadings is not null && tableHeadings.Contains(section.HeadingLine.Number) && section.Lines.Count == 0;

    private void Unreadable(SourceLine line, string message) =>
        findings.Add(new Finding(Rules.ImportUnreadable, Severity.Error, line.Where, message));

    /// <summary>
    /// The title: "机关名称" then "2022年政府信息公开工作年度报告" on the next line, or both on one line either way round;
    /// then an optional "发布日期：…" line. Returns the index of the first line after the block.
    /// </summary>
    private int ReadTitleBlock()
    {
        var first = NextNonBlank(0);
        if (first < 0) return lines.Length;

        var index = first;
        var line = lines[first].Text.Trim();
        if (YearTitle().Match(Cell.NormalizeDigits(line)) is { Success: true } yearOnly)
        {
            report.Year = int.Parse(yearOnly.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Unreadable(lines[first], "标题中未找到机关名称。");
        }
        else if (YearFirstTitle().Match(Cell.NormalizeDigits(line)) is { Success: true } yearFirst)
        {
            report.Year = int.Parse(yearFirst.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            report.AgencyName = line[yearFirst.Groups[2].Index..(yearFirst.Groups[2].Index + yearFirst.Groups[2].Length)].Trim();
        }
        else if (AgencyFirstTitle().Match(Cell.NormalizeDigits(line)) is { Success: true } agencyFirst)
        {
            report.AgencyName = line[..agencyFirst.Groups[2].Index].Trim();
            report.Year = int.Parse(agencyFirst.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            var second = NextNonBlank(first + 1);
            if (second >= 0 && YearTitle().Match(Cell.NormalizeDigits(lines[second].Text.Trim())) is { Success: true } title)
            {
                report.AgencyName = line;
                report.Year = int.Parse(title.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                index = second;
            }
            else
            {
                Unreadable(lines[first], "未找到标题（机关名称和“××××年政府信息公开工作年度报告”）。");
                return first;
            }
        }

        var afterTitle = NextNonBlank(index + 1);
        if (afterTitle >= 0 && PublicationDate().Match(lines[afterTitle].Text.Trim()) is { Success: true } date)
        {
            report.PublicationDate = date.Groups[1].Value.Trim();
            return afterTitle + 1;
        }
        return index + 1;
    }

    private int NextNonBlank(int from)
    {
        for (var i = from; i < lines.Length; i++)
        {
            if (!lines[i].IsBlank) return i;
        }
        return -1;
    }

    /// <summary>Section headings in increasing order; a heading-like line that goes backwards is text of the section it is in.</summary>
    private List<TextSection> FindSections(int from)
    {
        var headings = new List<(int Number, string Heading, int Index)>();
        for (var i = from; i < lines.Length; i++)
        {
            if (LabelMatching.TryParseSectionHeading(lines[i].Text, out var number, out var heading)
                && number > (headings.Count == 0 ? 0 : headings[^1].Number))
            {
                headings.Add((number, heading, i));
                if (LabelMatching.MistypedHeading(number, heading) is { } template)
                {
                    var numeral = LabelMatching.ChineseNumeral(number);
                    findings.Add(new Finding(Rules.LabelTypo, Severity.Warning, lines[i].Where,
                        $"第{numeral}部分的标题印为“{numeral}、{heading.Trim()}”，模板为“{numeral}、{template}”。"));
                }
            }
        }
        var sections = new List<TextSection>();
        for (var k = 0; k < headings.Count; k++)
        {
            var start = headings[k].Index + 1;
            var end = k + 1 < headings.Count ? headings[k + 1].Index : lines.Length;
            sections.Add(new TextSection(headings[k].Number, headings[k].Heading, lines[headings[k].Index], lines[start..end]));
        }
        return sections;
    }

    private static List<string> Paragraphs(IEnumerable<SourceLine> source) =>
        source.Where(l => !l.IsBlank).Select(l => l.Text.Trim()).ToList();

    private void ReadOpening(IReadOnlyList<SourceLine> source)
    {
        var paragraphs = Paragraphs(source);
        report.Opening = new Opening { Paragraphs = paragraphs, Contact = TextFacts.ExtractContact(paragraphs) };
    }

    /// <summary>
    /// Prose with numbered parts "（一）…": the lines before the first part, then the parts. A part's title runs to the
    /// first "。" when text follows it on the same line; otherwise the whole line is the title, on a line of its own.
    /// A marker numbered out of order or beyond <paramref name="maxPart"/> is text of the part it is in.
    /// </summary>
    private static (List<string> Introduction, List<(int Number, NarrativePart Part)> Parts) ReadParts(IEnumerable<SourceLine> source, int maxPart)
    {
        var introduction = new List<string>();
        var parts = new List<(int Number, NarrativePart Part)>();
        foreach (var line in source.Where(l => !l.IsBlank))
        {
            var text = line.Text.Trim();
            var last = parts.Count == 0 ? 0 : parts[^1].Number;
            if (LabelMatching.TryParsePart(text, out var number, out var rest) && number > last && number <= maxPart)
            {
                var stop = rest.IndexOf('。');
                var part = stop >= 0 && stop < rest.Length - 1
                    ? new NarrativePart { Title = rest[..stop], Paragraphs = [rest[(stop + 1)..].Trim()] }
                    : new NarrativePart { Title = rest, TitleOnOwnLine = true };
                parts.Add((number, part));
            }
            else if (parts.Count > 0)
            {
                parts[^1].Part.Paragraphs.Add(text);
            }
            else
            {
                introduction.Add(text);
            }
        }
        // Where the title stood matters only when text follows it.
        foreach (var (_, part) in parts)
        {
            if (part.Paragraphs.Count == 0) part.TitleOnOwnLine = false;
        }
        return (introduction, parts);
    }

    private void ReadOverview(TextSection section)
    {
        var (introduction, parts) = ReadParts(section.Lines, 5);
        NarrativePart Part(int n) => parts.FirstOrDefault(p => p.Number == n).Part ?? new NarrativePart();
        report.Overview = new Overview
        {
            Heading = section.Heading,
            Introduction = introduction,
            ProactiveDisclosure = Part(1),
            DisclosureOnRequest = Part(2),
            InformationManagement = Part(3),
            PlatformBuilding = Part(4),
            SupervisionAndSafeguards = Part(5),
        };
    }

    /// <summary>
    /// Section 五: parts （一） problems and （二） improvements; without numbering, the first paragraph is the
    /// problems and the rest the improvements (the common layout of one paragraph each).
    /// </summary>
    private void ReadProblems(TextSection section)
    {
        var (introduction, parts) = ReadParts(section.Lines, 2);
        var result = new ProblemsAndImprovements { Heading = section.Heading };
        if (parts.Count == 0)
        {
            if (introduction.Count > 0) result.Problems.Paragraphs.Add(introduction[0]);
            result.Improvements.Paragraphs.AddRange(introduction.Skip(1));
        }
        else
        {
            result.Introduction = introduction;
            foreach (var (number, part) in parts)
            {
                if (number == 1) result.Problems = part;
                else result.Improvements = part;
            }
        }
        report.ProblemsAndImprovements = result;
    }

    private void ReadOtherMatters(TextSection section)
    {
        var (introduction, parts) = ReadParts(section.Lines, int.MaxValue);
        var texts = introduction.Concat(parts.SelectMany(p => p.Part.Paragraphs.Prepend(p.Part.Title)));
        report.OtherMatters = new OtherMatters
        {
            Heading = section.Heading,
            Introduction = introduction,
            Parts = parts.Select(p => p.Part).ToList(),
            ProcessingFeeYuan = TextFacts.ExtractProcessingFee(texts),
        };
    }

    [GeneratedRegex(@"^(\d{4})\s*年度?\s*政府信息公开(?:工作)?年度报告$")]
    private static partial Regex YearTitle();

    [GeneratedRegex(@"^(\d{4})\s*年度?\s*(\S.*?)\s*政府信息公开(?:工作)?年度报告$")]
    private static partial Regex YearFirstTitle();

    [GeneratedRegex(@"^(\S.*?)\s*(\d{4})\s*年度?\s*政府信息公开(?:工作)?年度报告$")]
    private static partial Regex AgencyFirstTitle();

    [GeneratedRegex(@"^发布(?:日期|时间)\s*[：:]\s*(.+)$")]
    private static partial Regex PublicationDate();
}
