using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Tests.Import.Reference;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>
/// The hand-written label matchers of <see cref="LabelMatching"/> agree with the regular expressions they replaced
/// (<see cref="RegexLabelMatching"/>) on labels, near-labels and noise built from the characters where they could differ:
/// full-width and half-width digits and punctuation, every kind of white space, Chinese numerals, bold markers.
/// </summary>
public class LabelMatchingReferenceTests
{
    /// <summary>White space as \s and char.IsWhiteSpace see it, and characters that only look like it.</summary>
    private static readonly string[] Spaces = [" ", "  ", "\t", "\u3000", "\u00A0", "\u2028", "\u0085", "\u200B", "\uFEFF", "\n", "\r\n", "\u2003"];

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "二十", "二十三", "九十九", "十十", "一二", "零", "百", "〇"];

    private static readonly string[] Digits = ["1", "2", "9", "12", "99", "123", "０", "１", "２", "１２", "1２", "0", "007"];

    private static readonly string[] Separators = ["、", "．", ".", ",", "，", "。", "：", ":", "･", "·", "-", "—", ";"];

    private static readonly string[] Opening = ["（", "(", "［", "[", "【", "﹙"];

    private static readonly string[] Closing = ["）", ")", "］", "]", "】", "﹚"];

    private static readonly string[] Words =
    [
        "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况", "其他需要报告的事项", "不予公开", "属于国家秘密", "其他法律行政法规禁止公开", "本年新收政府信息公开申请数量",
        "结转下年度继续办理", "其他", "5", "1.5", "2022年", "**", "*", "“引号”", "‘单’", "ＡＢＣ", "abc", "。", "；", "\t", "x",
    ];

    private static Gen<string> Pick(string[] options) => Gen.Elements(options);

    private static Gen<string> Maybe(Gen<string> gen) => Gen.Frequency((2, gen), (1, Gen.Constant("")));

    private static Gen<string> Concat(params Gen<string>[] parts) =>
        parts.Aggregate(Gen.Constant(""), (acc, part) => acc.SelectMany(a => part.Select(b => a + b)));

    private static readonly Gen<string> Space = Maybe(Pick(Spaces));

    /// <summary>Single characters the matchers look at, and some they must ignore.</summary>
    private static readonly Gen<string> Noise = Gen.Elements(
        Spaces.Concat(Numerals).Concat(Digits).Concat(Separators).Concat(Opening).Concat(Closing).Concat(["*", "**", "年", "A", "\0", "\uD83D\uDE00"]).ToArray());

    private static readonly Gen<string> Part = Concat(Maybe(Pick(["**", " "])), Pick(Opening), Space, Pick(Numerals), Space, Pick(Closing), Space, Maybe(Pick(Words)));

    private static readonly Gen<string> Section = Concat(Maybe(Pick(["**", " ", "\u3000"])), Pick(Numerals), Space, Pick(Separators), Space, Maybe(Pick(Words)), Maybe(Pick(["**", "。", "  x"])));

    private static readonly Gen<string> Item = Concat(Maybe(Pick(["**", " "])), Pick(Digits), Space, Pick(Separators), Maybe(Pick(Digits)), Space, Maybe(Pick(Words)));

    /// <summary>Section headings as printed (the heading rules also look at length, keywords and cell separators).</summary>
    private static readonly Gen<string> Heading = Concat(Maybe(Pick(["**", " ", "\u3000"])), Pick(["一", "二", "三", "四", "五", "六", "七"]), Space,
        Pick(["、", "．", ".", "，"]), Space, Pick(Words.Take(6).Concat(["总体情况。", "其他事项；", "申请  情况", "申请\t情况"]).ToArray()), Maybe(Pick(["**", "。", " "])));

    private static readonly Gen<string> Soup = Gen.ListOf(Noise).Select(parts => string.Concat(parts));

    private static readonly Gen<string> Unicode = Gen.Choose(0, 40).SelectMany(n =>
        Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString()), n)).Select(cs => string.Concat(cs));

    /// <summary>Labels, near-labels, the same with characters spliced in or cut out, and noise.</summary>
    private static readonly Gen<string> Label = Gen.Frequency(
        (3, Part), (3, Section), (3, Heading), (3, Item), (2, Soup), (1, Unicode),
        (3, Gen.OneOf(Part, Section, Heading, Item).SelectMany(s => Gen.Choose(0, s.Length).SelectMany(at => Noise.Select(n => s[..at] + n + s[at..])))),
        (2, Gen.OneOf(Part, Section, Heading, Item).Where(s => s.Length > 0).SelectMany(s => Gen.Choose(0, s.Length - 1).Select(at => s.Remove(at, 1)))));

    public static class Labels
    {
        public static Arbitrary<string> Strings() => Arb.From(Label);
    }

    [Property(Arbitrary = [typeof(Labels)], MaxTest = 20_000)]
    public void ParseMarker_agrees_with_the_three_marker_patterns(string label) =>
        Assert.Equal(RegexLabelMatching.ParseMarker(label), LabelMatching.ParseMarker(label));

    [Property(Arbitrary = [typeof(Labels)], MaxTest = 20_000)]
    public void TryParseSectionHeading_agrees_with_the_patterns(string line)
    {
        var expected = RegexLabelMatching.TryParseSectionHeading(line, out var number, out var heading);
        var actual = LabelMatching.TryParseSectionHeading(line, out var n, out var h);
        Assert.Equal((expected, number, heading), (actual, n, h));
    }

    [Property(Arbitrary = [typeof(Labels)], MaxTest = 20_000)]
    public void TryParsePart_agrees_with_the_part_pattern(string line)
    {
        var expected = RegexLabelMatching.TryParsePart(line, out var number, out var rest);
        var actual = LabelMatching.TryParsePart(line, out var n, out var r);
        Assert.Equal((expected, number, rest), (actual, n, r));
    }

    [Property(Arbitrary = [typeof(Labels)], MaxTest = 10_000)]
    public void Normalize_and_Similarity_agree_with_the_plain_loops(string a, string b)
    {
        Assert.Equal(RegexLabelMatching.Normalize(a), LabelMatching.Normalize(a));
        Assert.Equal(RegexLabelMatching.Similarity(a, b), LabelMatching.Similarity(a, b));
    }

    /// <summary>Characters a typo puts in: the template's own, the optional "的工作", spaces, full-width and bold markers.</summary>
    private static readonly char[] TypoCharacters = "行政复议诉讼未经直接起后结果维持纠正其他尚审结总计的工作情况 \u3000*１A、".ToCharArray();

    private static readonly string[] TemplateWordings =
    [
        .. LabelMatching.ReviewHeaderWordings, "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况", "其他需要报告的事项",
    ];

    /// <summary>One edit: a character put in, cut out or changed.</summary>
    private static Gen<string> Edit(string s) => Gen.Choose(0, 2).SelectMany(kind => Gen.Choose(0, s.Length).SelectMany(at =>
        Gen.Elements(TypoCharacters).Select(c => kind switch
        {
            0 => s.Insert(at, c.ToString()),
            1 when at < s.Length => s.Remove(at, 1),
            _ when at < s.Length => s.Remove(at, 1).Insert(at, c.ToString()),
            _ => s + c,
        })));

    /// <summary>A template wording with up to five edits: at, just within and just past every allowance.</summary>
    private static readonly Gen<string> Mistyped = Gen.Elements(TemplateWordings).SelectMany(w => Gen.Choose(0, 5).SelectMany(n =>
        Enumerable.Range(0, n).Aggregate(Gen.Constant(w), (gen, _) => gen.SelectMany(Edit))));

    public static class MistypedLabels
    {
        public static Arbitrary<string> Strings() => Arb.From(Gen.Frequency((6, Mistyped), (1, Label)));
    }

    [Property(Arbitrary = [typeof(MistypedLabels)], MaxTest = 20_000)]
    public void The_bounded_typo_matchers_agree_with_the_full_edit_distance(string label)
    {
        Assert.Equal(FullEditDistanceLabelTypos.MistypedLabel(label, LabelMatching.ReviewHeaderWordings), LabelMatching.MistypedLabel(label, LabelMatching.ReviewHeaderWordings));
        foreach (var group in new[] { "行政复议", "未经复议直接起诉", "复议后起诉" })
        {
            Assert.Equal(FullEditDistanceLabelTypos.MistypedLabel(label, [group]), LabelMatching.MistypedLabel(label, [group]));
        }
        for (var n = 0; n <= 7; n++) Assert.Equal(FullEditDistanceLabelTypos.MistypedHeading(n, label), LabelMatching.MistypedHeading(n, label));
    }

    [Fact]
    public void The_generated_typos_reach_matches_and_misses_of_both_matchers()
    {
        var labels = Mistyped.Sample(2_000);
        Assert.Contains(labels, l => FullEditDistanceLabelTypos.MistypedLabel(l, LabelMatching.ReviewHeaderWordings) is not null);
        Assert.Contains(labels, l => l.Length > 0 && LabelMatching.ReviewHeaderWordings.Any(w => l.Contains(w[..2], StringComparison.Ordinal))
            && FullEditDistanceLabelTypos.MistypedLabel(l, LabelMatching.ReviewHeaderWordings) is null);
        Assert.Contains(labels, l => Enumerable.Range(1, 6).Any(n => FullEditDistanceLabelTypos.MistypedHeading(n, l) is not null));
    }

    [Fact]
    public void The_generated_labels_reach_every_marker_kind_and_the_headings()
    {
        var labels = Label.Sample(2_000);
        var kinds = labels.Select(l => RegexLabelMatching.ParseMarker(l).Kind).ToHashSet();
        Assert.Equal([MarkerKind.None, MarkerKind.Section, MarkerKind.Part, MarkerKind.Item], kinds.Order());
        Assert.Contains(labels, l => RegexLabelMatching.TryParseSectionHeading(l, out _, out _));
        Assert.Contains(labels, l => RegexLabelMatching.TryParsePart(l, out _, out _));
    }
}
