using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Tests.Validation;

namespace InfoDisclosure.Cli.Tests;

public class ConvertCommandTests
{
    [Fact]
    public void Json_converts_to_the_same_json()
    {
        using var folder = new TempFolder();
        var report = SampleReports.Valid();
        var file = folder.WriteReport("r.json", report);

        var run = CliRun.Of("convert", file, "--to", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(ReportJson.Serialize(report), run.Out.TrimEnd('\n'));
    }

    [Fact]
    public void Docx_without_an_output_file_is_refused()
    {
        using var folder = new TempFolder();
        var file = folder.WriteReport("r.json", SampleReports.Valid());

        var run = CliRun.Of("convert", file, "--to", "docx");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("-o", run.Err);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("--to", "pdf")]
    [InlineData()]
    public void An_unknown_or_missing_target_format_is_refused(params string[] options)
    {
        using var folder = new TempFolder();
        var file = folder.WriteReport("r.json", SampleReports.Valid());
        var run = CliRun.Of(["convert", file, .. options]);
        Assert.Equal(2, run.ExitCode);
    }
}
