using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Tests.Import;

public class LabelMatchingTests
{
    [Theory]
    [InlineData("（三）不予公开", MarkerKind.Part, 3, "不予公开")]
    [InlineData("(三) 不予公开", MarkerKind.Part, 3, "不予公开")]
    [InlineData("( 十二 )其他", MarkerKind.Part, 12, "其他")]
    [InlineData("一、本年新收政府信息公开申请数量", MarkerKind.Section, 1, "本年新收政府信息公开申请数量")]
    [InlineData("1、申请人无正当理由逾期不补正", MarkerKind.Item, 1, "申请人无正当理由逾期不补正")]
    [InlineData("１．属于国家秘密", MarkerKind.Item, 1, "属于国家秘密")]
    [InlineData("**3.其他**", MarkerKind.Item, 3, "其他")]
    [InlineData("1.5", MarkerKind.None, 0, "1.5")]
    [InlineData("2022年，我局", MarkerKind.None, 0, "2022年，我局")]
    public void Markers_are_read_in_their_printed_variants(string label, MarkerKind kind, int number, string text) =>
        Assert.Equal(new LabelMarker(kind, number, text), LabelMatching.ParseMarker(label));

    [Fact]
    public void A_typo_stays_closer_to_its_own_label_than_to_any_other()
    {
        var typo = "其他法律行政止公开";
        var best = ApplicationRows.All.MaxBy(r => LabelMatching.Similarity(typo, LabelMatching.StripMarker(r.Label)))!;

        Assert.Equal(ApplicationRows.NotDisclosed[1], best);
        Assert.True(LabelMatching.Similarity(typo, "其他法律行政法规禁止公开") > 0.8);
    }

    [Theory]
    [InlineData("一、总体情况", 1, "总体情况")]
    [InlineData("五、存在主要问题及改进情况", 5, "存在主要问题及改进情况")]
    [InlineData("五、政府信息公开工作存在的主要问题及改进情况", 5, "政府信息公开工作存在的主要问题及改进情况")]
    [InlineData("六、其他需要报告的事项", 6, "其他需要报告的事项")]
    public void Section_headings_are_recognised(string line, int number, string heading)
    {
        Assert.True(LabelMatching.TryParseSectionHeading(line, out var n, out var h));
        Assert.Equal((number, heading), (n, h));
    }

    [Theory]
    [InlineData("四、结转下年度继续办理\t\t\t0")]
    [InlineData("四、结转下年度继续办理    0    0")]
    [InlineData("四、结转下年度继续办理")]
    [InlineData("一、本年新收政府信息公开申请数量")]
    [InlineData("二、进一步加强政务公开工作，全年发布信息100条。")]
    public void Table_rows_and_prose_are_not_section_headings(string line) =>
        Assert.False(LabelMatching.TryParseSectionHeading(line, out _, out _));

    [Theory]
    [InlineData("一", 1)]
    [InlineData("九", 9)]
    [InlineData("十", 10)]
    [InlineData("十一", 11)]
    [InlineData("二十", 20)]
    [InlineData("二十三", 23)]
    public void Chinese_numerals_read_and_write(string numeral, int value)
    {
        Assert.Equal(value, LabelMatching.ChineseNumeral(numeral));
        Assert.Equal(numeral, LabelMatching.ChineseNumeral(value));
    }

    [Fact]
    public void Row_matcher_places_a_bare_item_in_the_current_group()
    {
        var matcher = new ApplicationRowMatcher();
        Assert.Equal(ApplicationRows.OtherProcessing[0], matcher.Match(["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]).Row);
        Assert.Equal(ApplicationRows.OtherProcessing[1], matcher.Match(["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]).Row);
        Assert.Equal(ApplicationRows.OtherProcessing[2], matcher.Match(["3.其他"]).Row);
        Assert.Equal(ApplicationRows.ResultsTotal, matcher.Match(["(七) 总计"]).Row);
        Assert.Equal(ApplicationRowMatcher.Outcome.Unknown, matcher.Match(["合计栏说明"]).Outcome);
    }
}

public class TextFactsTests
{
    [Theory]
    [InlineData("2022年，红寺堡区审批服务管理局在办理政府信息公开申请中，未收取信息处理费。", "0")]
    [InlineData("全年收取政府信息公开信息处理费3940元。", "3940")]
    [InlineData("全年收取政府信息公开信息处理费0元。", "0")]
    [InlineData("本年度收取信息处理费共计1,250.5元。", "1250.5")]
    [InlineData("收取信息处理费０．３万元。", "3000")]
    [InlineData("无。", null)]
    [InlineData("（二）信息处理费收取情况", null)]
    public void The_processing_fee_is_read_from_the_text(string text, string? yuan) =>
        Assert.Equal(yuan is null ? null : decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture), TextFacts.ExtractProcessingFee([text]));

    [Fact]
    public void Contact_details_are_read_from_the_opening()
    {
        var contact = TextFacts.ExtractContact([
            "如对本报告有疑问，请与淮安市洪泽区人民政府办公室联系（地址：淮安市洪泽区洪泽湖大道90号，邮编：223100，电话：0517-87222589，电子邮箱：hzzwgk@126.com）。",
            "本报告电子版可从“中国上海”门户网站（www.shanghai.gov.cn）下载。",
        ]);

        Assert.Equal("淮安市洪泽区洪泽湖大道90号", contact.Address);
        Assert.Equal("223100", contact.Postcode);
        Assert.Equal("0517-87222589", contact.Phone);
        Assert.Null(contact.Fax);
        Assert.Equal("hzzwgk@126.com", contact.Email);
        Assert.Equal("www.shanghai.gov.cn", contact.PortalUrl);
    }
}
