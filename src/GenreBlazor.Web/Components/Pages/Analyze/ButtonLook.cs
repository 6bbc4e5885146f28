namespace GenreBlazor.Web.Components.Pages.Analyze;

/// <summary>
/// MudButton's classes for plain buttons. A MudButton is a component with its own parameter state and render trees in
/// every circuit; the moves panel's nine buttons never change, so they are native buttons that look the same
/// (decision 0080).
/// </summary>
internal static class ButtonLook
{
    public const string Filled = "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-small mud-ripple";
    public const string Outlined = "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-small mud-ripple";
    public const string Text = "mud-button-root mud-button mud-button-text mud-button-text-primary mud-button-text-size-small mud-ripple";
}
