using System.Text;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Cli;

/// <summary>
/// `convert FILE --to json|text|html|docx [-o OUT]`. Text formats go to stdout unless -o is given. DOCX is binary and
/// is only written to a file (-o): bytes on a terminal help nobody, and a redirect is one -o away.
/// What the import could not read is listed on stderr; the conversion still happens.
/// </summary>
public static class ConvertCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, flags: new HashSet<string>(), options: new HashSet<string> { "--to", "-o", "--output" });
        if (parsed.Positional.Count != 1) throw new InputException("convert 需要且只需要一个输入文件 (convert takes exactly one FILE)");
        var input = parsed.Positional[0];
        var to = parsed.Require("--to").ToLowerInvariant();
        var output = parsed.Get("-o") ?? parsed.Get("--output");
        if (to is not ("json" or "text" or "html" or "docx")) throw new InputException($"--to 只能是 json、text、html 或 docx，而不是“{to}”");
        if (to == "docx" && output is null) throw new InputException("DOCX 是二进制文件，请用 -o 指定输出文件 (docx needs -o OUT)");
        if (!File.Exists(input)) throw new InputException($"{input}：文件不存在 (file not found)");

        var (report, importFindings) = ReportSource.Load(input);
        foreach (var f in importFindings)
        {
            stderr.WriteLine($"{(f.Severity == Severity.Error ? "错误" : "警告")} [{f.Rule}] {f.Where}：{f.Message}");
        }

        if (to == "docx")
        {
            WriteFile(output!, () => File.WriteAllBytes(output!, DocxRenderer.Render(report)));
            return ExitCodes.Ok;
        }

        var text = to switch
        {
            "json" => ReportJson.Serialize(report) + "\n",
            "text" => TextRenderer.Render(report),
            _ => HtmlRenderer.RenderPage(report),
        };
        if (output is null) stdout.Write(text);
        else WriteFile(output, () => File.WriteAllText(output, text, new UTF8Encoding(false)));
        return ExitCodes.Ok;
    }

    private static void WriteFile(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}：无法写入（{ex.Message}）");
        }
    }
}
