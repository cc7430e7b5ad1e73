namespace InfoDisclosure.Reports.Model;

/// <summary>Section 四、政府信息公开行政复议、行政诉讼情况: three groups of five cells.</summary>
public sealed class ReviewAndLitigation
{
    /// <summary>行政复议.</summary>
    public OutcomeGroup AdministrativeReconsideration { get; set; } = new();

    /// <summary>行政诉讼 未经复议直接起诉.</summary>
    public OutcomeGroup LitigationWithoutReconsideration { get; set; } = new();

    /// <summary>行政诉讼 复议后起诉.</summary>
    public OutcomeGroup LitigationAfterReconsideration { get; set; } = new();
}

public sealed class OutcomeGroup
{
    /// <summary>结果维持.</summary>
    public Cell Upheld { get; set; }

    /// <summary>结果纠正.</summary>
    public Cell Corrected { get; set; }

    /// <summary>其他结果.</summary>
    public Cell OtherResult { get; set; }

    /// <summary>尚未审结.</summary>
    public Cell Pending { get; set; }

    /// <summary>总计.</summary>
    public Cell Total { get; set; }
}
