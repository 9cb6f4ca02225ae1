using System.Resources;
using Platform.BuildingBlocks.Errors;

namespace Platform.ElderCare.Api;

/// <summary>Eldercare's own user-facing text (Resources/Messages*.resx; zh-CN neutral, en).</summary>
public static class ElderCareText
{
    public static readonly Text Messages = new(new ResourceManager("Platform.ElderCare.Api.Resources.Messages", typeof(ElderCareText).Assembly), Text.Common);
}
