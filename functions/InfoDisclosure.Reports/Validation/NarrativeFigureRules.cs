using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>
/// TEXT.FIGURE_MISMATCH (warning): a figure the narrative states contradicts the tables. Read are: applications
/// received ("受理政府信息公开申请21件", "未收到政府信息公开申请"), 行政复议 N 件 and 行政诉讼 N 件 (including "无…行政复议、
/// 行政诉讼"). Only sentences that speak of 公开 are read, so that an agency's other 复议/诉讼 work is not taken for
/// disclosure cases. A city report may state its own office's figure beside the whole city's: when one statement
/// of a kind matches the table, the others of that kind are not reported.
/// </summary>
public static partial class NarrativeFigureRules
{
    private enum Kind
    {
        Received,
        Reconsideration,
        Litigation,
    }

    private sealed record Claim(Kind Kind, decimal Value, string Where, string Quote);

    public static void Check(AnnualReport report, List<Finding> findings)
    {
        // A paragraph still marked as last year's text states last year's figures; TEXT.UNREVISED already flags it.
        var claims = Narrative.Paragraphs(report)
            .Where(p => !p.Text.TrimStart().StartsWith(NewReport.UnrevisedMarker, StringComparison.Ordinal))
            .SelectMany(p => Claims(p.Where, p.Text))
            .ToList();
        if (claims.Count == 0) return;

        foreach (var kind in Enum.GetValues<Kind>())
        {
            if (TableFigure(report, kind) is not { } table) continue;
            var ofKind = claims.Where(c => c.Kind == kind).ToList();
            if (ofKind.Count == 0 || ofKind.Any(c => table.Accepts(c.Value))) continue;
            foreach (var claim in ofKind.DistinctBy(c => (c.Where, c.Value)))
            {
                findings.Add(new Finding(Rules.TextFigureMismatch, Severity.Warning, claim.Where,
                    $"正文“{claim.Quote}”与表格不符：{table.Description}"));
            }
        }
    }

    /// <summary>What the tables say, how to describe it, and which stated figures agree with it.</summary>
    private sealed record Figure(string Description, Func<decimal, bool> Accepts);

    private static Figure? TableFigure(AnnualReport report, Kind kind)
    {
        switch (kind)
        {
            case Kind.Received:
            {
                if (report.Applications is not { } table) return null;
                var received = ApplicationRows.NewApplications.Get(table)?.Total;
                if (received is not { IsCount: true } newTotal) return null;
                var carried = ApplicationRows.CarriedOver.Get(table)?.Total;
                // "受理…申请N件" sometimes includes last year's carried-over applications.
                var withCarried = carried is { IsCount: true } c && c.Number > 0 ? newTotal.Number + c.Number : (decimal?)null;
                var description = $"表三“{ApplicationRows.NewApplications.Label}”总计为{newTotal}" +
                    (withCarried is { } w ? $"（连同上年结转为{F(w)}）" : "");
                return new Figure(description, v => v == newTotal.Number || v == withCarried);
            }
            case Kind.Reconsideration:
            {
                if (report.ReviewAndLitigation?.AdministrativeReconsideration.Total is not { IsCount: true } total) return null;
                return new Figure($"表四行政复议总计为{total}", v => v == total.Number);
            }
            case Kind.Litigation:
            {
                if (report.ReviewAndLitigation is not { } section) return null;
                Cell direct = section.LitigationWithoutReconsideration.Total, after = section.LitigationAfterReconsideration.Total;
                if (!direct.IsCount || !after.IsCount) return null;
                var sum = direct.Number + after.Number;
                return new Figure($"表四行政诉讼总计为未经复议直接起诉{direct}＋复议后起诉{after}＝{F(sum)}", v => v == sum);
            }
            default:
                return null;
        }
    }

    private static IEnumerable<Claim> Claims(string where, string paragraph)
    {
        var text = Cell.NormalizeDigits(paragraph);
        foreach (var sentence in text.Split(SentenceEnds, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!sentence.Contains("公开")) continue;
            // Most sentences name none of the three: the patterns run only where their key word is.
            var applications = sentence.Contains("申请");
            var reconsideration = sentence.Contains("复议");
            var litigation = sentence.Contains("诉讼");

            if (applications)
            {
                foreach (Match m in ReceivedCount().Matches(sentence))
                {
                    if (!MentionsOtherProceedings(m.Groups["gap"].Value)) yield return new Claim(Kind.Received, Number(m), where, m.Value);
                }
                foreach (Match m in NoneReceived().Matches(sentence))
                {
                    if (!MentionsOtherProceedings(m.Groups["gap"].Value)) yield return new Claim(Kind.Received, 0, where, m.Value);
                }
            }
            if (reconsideration)
            {
                foreach (Match m in ReconsiderationCount().Matches(sentence))
                {
                    yield return new Claim(Kind.Reconsideration, Number(m), where, m.Value);
                }
            }
            if (litigation)
            {
                foreach (Match m in LitigationCount().Matches(sentence))
                {
                    yield return new Claim(Kind.Litigation, Number(m), where, m.Value);
                }
            }
            if (!reconsideration && !litigation) continue;
            foreach (Match m in NoneProceedings().Matches(sentence))
            {
                // "无一起行政复议被纠错" says nothing about the number of cases.
                var rest = sentence.AsSpan(m.Index + m.Length);
                var clauseEnd = rest.IndexOfAny(ClauseEnds);
                if (OutcomeWords().IsMatch(clauseEnd < 0 ? rest : rest[..clauseEnd])) continue;
                var what = m.Groups["what"].Value;
                if (what.Contains("复议")) yield return new Claim(Kind.Reconsideration, 0, where, m.Value);
                if (what.Contains("诉讼")) yield return new Claim(Kind.Litigation, 0, where, m.Value);
            }
        }
    }

    private static bool MentionsOtherProceedings(string gap) => OtherProceedings().IsMatch(gap);

    private static decimal Number(Match m) =>
        decimal.Parse(m.Groups["n"].Value.Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture);

    private static string F(decimal value) => Cell.Format(value);

    private static readonly char[] SentenceEnds = ['。', '！', '？', '!', '?'];

    private static readonly SearchValues<char> ClauseEnds = SearchValues.Create("，,；;。");

    [GeneratedRegex(@"(?<!未|没有|无)(?:收到|受理|新收|接收|接到)(?<gap>[^。；;，,！？\d]{0,30}?)公开申请\s*(?:共计|总计|合计|共|总数为|数量为|为)?\s*(?<n>\d[\d,]*)\s*件")]
    private static partial Regex ReceivedCount();

    [GeneratedRegex(@"(?:未|没有)(?:收到|受理|接到|接收|新收)(?<gap>[^。；;，,！？\d]{0,20}?)公开申请")]
    private static partial Regex NoneReceived();

    [GeneratedRegex(@"行政复议(?:案件|申请)?\s*(?:共计|总计|合计|共|数量为|为)?\s*(?<n>\d[\d,]*)\s*(?:件|起|宗)")]
    private static partial Regex ReconsiderationCount();

    [GeneratedRegex(@"诉讼(?:案件)?\s*(?:共计|总计|合计|共|数量为|为)?\s*(?<n>\d[\d,]*)\s*(?:件|起|宗)")]
    private static partial Regex LitigationCount();

    [GeneratedRegex(@"(?:(?<!有)无|没有|未发生|未出现|未产生|未收到|未有|未被提起|未被申请)(?<gap>[^。；;，,！？\d]{0,25}?)(?<what>行政复议(?:[、和及与或]行政诉讼)?|行政诉讼)")]
    private static partial Regex NoneProceedings();

    [GeneratedRegex("复议|诉讼|投诉|举报|信访")]
    private static partial Regex OtherProceedings();

    [GeneratedRegex("被|败诉|纠正|纠错|撤销|确认违法")]
    private static partial Regex OutcomeWords();
}
