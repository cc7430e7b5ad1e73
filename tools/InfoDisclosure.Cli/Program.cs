using System.Text;
using InfoDisclosure.Cli;

// One buffered UTF-8 writer: checking thousands of reports prints thousands of lines.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, 1 << 16);
using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
JitProfile.Enabled = true;
// check names its profile once it knows the kinds of file it reads.
if (args is [var command and ("compare" or "convert" or "new"), ..]) JitProfile.Start(command);
var exitCode = CommandLine.Run(args, stdout, stderr);
stdout.Flush();
return exitCode;
