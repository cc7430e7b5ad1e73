using InfoDisclosure.Reports.Batch;

namespace InfoDisclosure.Reports.Tests.Batch;

public class YearPairsTests
{
    private static YearPairs<string> Index(params (string Agency, int Year)[] reports) =>
        new(reports.Select(r => (r.Agency, r.Year, $"{r.Agency}{r.Year}")));

    [Fact]
    public void A_report_is_paired_with_the_same_agencys_report_of_the_year_before_only()
    {
        var index = Index(("淮安市人民政府", 2023), ("淮安市人民政府", 2022), ("南京市人民政府", 2023));

        Assert.Equal("淮安市人民政府2023", index.PreviousOf("淮安市人民政府", 2024));
        Assert.Equal("淮安市人民政府2022", index.PreviousOf("淮安市人民政府", 2023));
        Assert.Null(index.PreviousOf("淮安市人民政府", 2022));
        Assert.Null(index.PreviousOf("南京市人民政府", 2025));
        Assert.Null(index.PreviousOf("苏州市人民政府", 2024));
    }

    [Fact]
    public void Names_match_across_whitespace_and_full_width_letters_and_brackets()
    {
        var index = Index(("某市 某局（ＸＹ办）", 2023));
        Assert.Equal("某市 某局（ＸＹ办）2023", index.PreviousOf("某市某局(XY办)", 2024));
    }

    [Fact]
    public void The_city_prefix_may_come_or_go_from_one_year_to_the_next()
    {
        var index = Index(("洪泽区人民政府", 2023), ("淮安市人民政府", 2023));

        Assert.Equal("洪泽区人民政府2023", index.PreviousOf("淮安市洪泽区人民政府", 2024));
        Assert.Null(Index(("淮安市人民政府", 2023)).PreviousOf("人民政府", 2024));
        Assert.Equal("淮安市洪泽区人民政府2023", Index(("淮安市洪泽区人民政府", 2023)).PreviousOf("洪泽区人民政府", 2024));
    }

    [Fact]
    public void A_short_name_that_fits_two_agencies_is_not_paired_with_a_guess()
    {
        var index = Index(("淮安市清河区人民政府", 2023), ("某某市清河区人民政府", 2023));
        Assert.Null(index.PreviousOf("清河区人民政府", 2024));
        Assert.Equal("淮安市清河区人民政府2023", index.PreviousOf("淮安市清河区人民政府", 2024));
    }

    [Theory]
    [InlineData("淮安市洪泽区人民政府", "洪泽区人民政府")]
    [InlineData("江苏省淮安市人民政府", "淮安市人民政府")]
    [InlineData("吴忠市红寺堡区审批服务管理局", "红寺堡区审批服务管理局")]
    [InlineData("淮安市人民政府", "淮安市人民政府")]
    [InlineData("淮安市市场监督管理局", "淮安市市场监督管理局")]
    [InlineData("上海市人民政府办公厅", "上海市人民政府办公厅")]
    public void The_local_name_leaves_out_higher_regions_only(string name, string local) =>
        Assert.Equal(local, AgencyNames.Local(AgencyNames.Normalise(name)));
}
