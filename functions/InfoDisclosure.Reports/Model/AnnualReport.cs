using System.Text.Json.Serialization;

namespace InfoDisclosure.Reports.Model;

/// <summary>
/// A 政府信息公开工作年度报告. Property names are the stable JSON names (camelCase) that the API accepts.
/// </summary>
public sealed class AnnualReport
{
    /// <summary>"2021" for 国办公开办函〔2021〕30号 (reports for 2021 on); "2019" for the trial format.</summary>
    public string FormatVersion { get; set; } = ReportFormats.Format2021;

    public string AgencyName { get; set; } = "";
    public int Year { get; set; }

    /// <summary>A date printed under the title (发布日期), when the report carries one.</summary>
    public string? PublicationDate { get; set; }

    public Opening Opening { get; set; } = new();
    public Overview Overview { get; set; } = new();

    /// <summary>Section 二 in the 2021 format; null when missing or when the report is in the 2019 format.</summary>
    public ProactiveDisclosure? ProactiveDisclosure { get; set; }

    /// <summary>Section 二 of a 2019 trial-format report, kept as printed (its columns differ from 2021).</summary>
    public List<SimpleTable>? LegacyProactiveTables { get; set; }

    public ApplicationTable? Applications { get; set; }
    public ReviewAndLitigation? ReviewAndLitigation { get; set; }
    public ProblemsAndImprovements ProblemsAndImprovements { get; set; } = new();
    public OtherMatters OtherMatters { get; set; } = new();

    [JsonIgnore]
    public string Title => $"{AgencyName}{Year}年政府信息公开工作年度报告";
}

public static class ReportFormats
{
    public const string Format2021 = "2021";
    public const string Format2019 = "2019";
}

/// <summary>The opening paragraph(s) before section 一, with the contact details found in them.</summary>
public sealed class Opening
{
    public List<string> Paragraphs { get; set; } = [];
    public Contact Contact { get; set; } = new();
}

public sealed class Contact
{
    public string? Address { get; set; }
    public string? Postcode { get; set; }
    public string? Phone { get; set; }
    public string? Fax { get; set; }
    public string? Email { get; set; }
    public string? PortalUrl { get; set; }
}

/// <summary>
/// A numbered part of a narrative section, e.g. "（一）主动公开情况。…".
/// The title is printed either on a line of its own or followed by "。" and the first paragraph.
/// </summary>
public sealed class NarrativePart
{
    public string Title { get; set; } = "";
    public bool TitleOnOwnLine { get; set; }
    public List<string> Paragraphs { get; set; } = [];
}

/// <summary>Section 一、总体情况 and its five parts.</summary>
public sealed class Overview
{
    public string Heading { get; set; } = "总体情况";
    public List<string> Introduction { get; set; } = [];
    public NarrativePart ProactiveDisclosure { get; set; } = new() { Title = "主动公开情况" };
    public NarrativePart DisclosureOnRequest { get; set; } = new() { Title = "依申请公开情况" };
    public NarrativePart InformationManagement { get; set; } = new() { Title = "政府信息管理情况" };
    public NarrativePart PlatformBuilding { get; set; } = new() { Title = "政府信息公开平台建设情况" };
    public NarrativePart SupervisionAndSafeguards { get; set; } = new() { Title = "政府信息公开监督保障情况" };

    [JsonIgnore]
    public IEnumerable<NarrativePart> Parts =>
        [ProactiveDisclosure, DisclosureOnRequest, InformationManagement, PlatformBuilding, SupervisionAndSafeguards];
}

/// <summary>Section 五. Problems and improvements are parts (（一）…（二）…) or, untitled, plain paragraphs.</summary>
public sealed class ProblemsAndImprovements
{
    public string Heading { get; set; } = "存在的主要问题及改进情况";
    public List<string> Introduction { get; set; } = [];
    public NarrativePart Problems { get; set; } = new();
    public NarrativePart Improvements { get; set; } = new();

    [JsonIgnore]
    public bool IsEmpty =>
        Introduction.All(string.IsNullOrWhiteSpace)
        && Problems.Paragraphs.All(string.IsNullOrWhiteSpace) && string.IsNullOrWhiteSpace(Problems.Title)
        && Improvements.Paragraphs.All(string.IsNullOrWhiteSpace) && string.IsNullOrWhiteSpace(Improvements.Title);
}

/// <summary>Section 六. The information processing fee (信息处理费, in 元) is also kept as a figure when the text states it.</summary>
public sealed class OtherMatters
{
    public string Heading { get; set; } = "其他需要报告的事项";
    public List<string> Introduction { get; set; } = [];
    public List<NarrativePart> Parts { get; set; } = [];
    public decimal? ProcessingFeeYuan { get; set; }
}

/// <summary>A table kept as printed: caption, header and labelled rows.</summary>
public sealed class SimpleTable
{
    public string Caption { get; set; } = "";
    public List<string> Header { get; set; } = [];
    public List<SimpleRow> Rows { get; set; } = [];
}

public sealed class SimpleRow
{
    public string Label { get; set; } = "";
    public List<Cell> Cells { get; set; } = [];
}
