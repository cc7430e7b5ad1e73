namespace InfoDisclosure.Reports.Model;

/// <summary>Section 二、主动公开政府信息情况: the four small tables of 第二十条.</summary>
public sealed class ProactiveDisclosure
{
    /// <summary>第二十条第（一）项 规章.</summary>
    public DocumentCounts Rules { get; set; } = new();

    /// <summary>第二十条第（一）项 行政规范性文件.</summary>
    public DocumentCounts NormativeDocuments { get; set; } = new();

    /// <summary>第二十条第（五）项 行政许可 本年处理决定数量.</summary>
    public Cell AdministrativeLicensing { get; set; }

    /// <summary>第二十条第（六）项 行政处罚 本年处理决定数量.</summary>
    public Cell AdministrativePunishment { get; set; }

    /// <summary>第二十条第（六）项 行政强制 本年处理决定数量.</summary>
    public Cell AdministrativeCoercion { get; set; }

    /// <summary>第二十条第（八）项 行政事业性收费 本年收费金额（单位：万元）, a decimal.</summary>
    public Cell AdministrativeFees { get; set; }
}

public sealed class DocumentCounts
{
    /// <summary>本年制发件数.</summary>
    public Cell Issued { get; set; }

    /// <summary>本年废止件数.</summary>
    public Cell Repealed { get; set; }

    /// <summary>现行有效件数.</summary>
    public Cell InForce { get; set; }
}
