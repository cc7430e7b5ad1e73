using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Tests;

public class CellTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("１２３", 123)]
    [InlineData(" 3,119 ", 3119)]
    [InlineData("96171.6", 96171.6)]
    public void Numbers_are_read_as_numbers(string text, double expected) =>
        Assert.Equal((decimal)expected, Cell.Parse(text).Value);

    [Fact]
    public void Zero_and_blank_are_different() => Assert.NotEqual(Cell.Parse("0"), Cell.Parse(""));

    [Theory]
    [InlineData("/")]
    [InlineData("251000元")]
    public void Text_is_kept_verbatim(string text)
    {
        var cell = Cell.Parse(text);
        Assert.Null(cell.Value);
        Assert.Equal(text, cell.Text);
    }

    [Fact]
    public void Json_keeps_blank_number_and_text_apart()
    {
        var report = new AnnualReport { AgencyName = "某局", Year = 2024, ProactiveDisclosure = new() };
        report.ProactiveDisclosure.AdministrativeLicensing = Cell.Of(0);
        report.ProactiveDisclosure.AdministrativeFees = Cell.Parse("/");
        var json = ReportJson.Serialize(report);
        Assert.Contains("\"agencyName\": \"某局\"", json);
        Assert.Contains("\"administrativeLicensing\": 0", json);
        Assert.Contains("\"administrativeFees\": \"/\"", json);
        Assert.Contains("\"administrativePunishment\": null", json);
        Assert.Equal(json, ReportJson.Serialize(ReportJson.Deserialize(json)));
    }

    [Fact]
    public void Unknown_json_field_is_refused_with_its_path()
    {
        var ex = Assert.Throws<System.Text.Json.JsonException>(() => ReportJson.Deserialize("{\"agencyName\":\"x\",\"yaer\":2024}"));
        Assert.Contains("yaer", ex.Message);
    }
}
