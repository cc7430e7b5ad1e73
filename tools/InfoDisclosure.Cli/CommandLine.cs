namespace InfoDisclosure.Cli;

/// <summary>The `infodisclosure` command: dispatches to check, compare, convert and new. Testable without a process.</summary>
public static class CommandLine
{
    public const string Usage = """
        infodisclosure — 政府信息公开工作年度报告 检查与转换 (annual report checker and converter)

        用法 (usage):
          infodisclosure check PATH... [--json] [--previous FILE|FOLDER] [--report OUT.html|OUT.csv]
              检查报告（.txt、.html、.htm、.json、.docx、.pdf 文件，或文件夹，递归），按2021年格式的勾稽关系校验。
              同一机关上一年度的报告在所检查的文件中时自动配对，核对上年结转（YEAR.CARRYOVER）、
              现行有效件数（T2.IN_FORCE）和照搬上年文字（TEXT.COPIED）。
              Check reports (files or folders, recursive) against the 2021-format rules; each report is paired with
              the same agency's report of the year before when the inputs hold it.
              --json             以 JSON 数组输出 {file, format, agency, year, findings:[{rule, severity, where, message}], pairedWith}
              --previous FILE    上年报告，用于所检查的每一份报告
              --previous FOLDER  在此文件夹中为每份报告找同一机关的上年报告
              --report OUT       批量检查结果：OUT.html（可打印）或 OUT.csv（Excel），按风险排序
          infodisclosure compare A B [--html OUT]
              对照两份报告（通常是同一机关的两个年度）：各单元格及其差值、改动的段落、各自的问题。
              Two reports side by side: every cell and its delta, changed paragraphs, findings; --html writes a page.
          infodisclosure convert FILE --to json|text|html|docx [-o OUT]
              转换报告格式；text/json/html 默认输出到标准输出，docx 必须用 -o 指定文件。
              Convert a report; docx needs -o OUT.
          infodisclosure new --agency NAME --year YYYY [--previous FILE] [-o OUT]
              生成新年度的空白报告（JSON），按上年报告预填上年结转、现行有效件数、联系方式和待修订的文字。
              A blank report as JSON, pre-filled from last year's.

        退出码 (exit codes): 0 没有错误级问题 (no error) · 1 有报告存在错误 (some report has an error)
                             · 2 输入无法读取或命令行有误 (unreadable input or bad command line)
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            stderr.WriteLine(Usage);
            return ExitCodes.Unreadable;
        }
        var rest = args[1..];
        try
        {
            switch (args[0])
            {
                case "check":
                    return CheckCommand.Run(rest, stdout, stderr);
                case "compare":
                    return CompareCommand.Run(rest, stdout, stderr);
                case "convert":
                    return ConvertCommand.Run(rest, stdout, stderr);
                case "new":
                    return NewCommand.Run(rest, stdout, stderr);
                case "help" or "--help" or "-h":
                    stdout.WriteLine(Usage);
                    return ExitCodes.Ok;
                default:
                    stderr.WriteLine($"未知命令“{args[0]}” (unknown command)");
                    stderr.WriteLine(Usage);
                    return ExitCodes.Unreadable;
            }
        }
        catch (InputException ex)
        {
            stderr.WriteLine($"错误：{ex.Message}");
            return ExitCodes.Unreadable;
        }
    }
}
