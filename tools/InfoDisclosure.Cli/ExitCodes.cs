namespace InfoDisclosure.Cli;

/// <summary>The process exit codes scripts rely on.</summary>
public static class ExitCodes
{
    /// <summary>No report has an error-level finding (warnings allowed).</summary>
    public const int Ok = 0;

    /// <summary>Some report has an error-level finding.</summary>
    public const int Errors = 1;

    /// <summary>An input could not be read (missing, undecodable, JSON that does not parse) or the command line is wrong.</summary>
    public const int Unreadable = 2;
}

/// <summary>A problem with what the user gave us; the message is shown on stderr and the exit code is 2.</summary>
public sealed class InputException(string message) : Exception(message);
