using System.Text;

namespace GenreBlazor.Imaging.Tests;

public class ImageFormatSnifferTests
{
    [Fact]
    public void Jpeg_and_png_signatures_are_recognised()
    {
        Assert.Equal(ImageFormat.Jpeg, ImageFormatSniffer.Identify([0xFF, 0xD8, 0xFF, 0xE0, 0x00]));
        Assert.Equal(ImageFormat.Png, ImageFormatSniffer.Identify([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00]));
    }

    [Fact]
    public void Zero_bytes_are_refused_as_empty()
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode([]));

        Assert.Equal(ImageErrorKind.Empty, error.Kind);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("JPEG and PNG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_named_jpg_holding_html_is_refused_as_a_web_page()
    {
        var path = Path.Combine(Path.GetTempPath(), $"poster-{Guid.NewGuid():N}.jpg");
        File.WriteAllText(path, "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not found</body></html>");
        try
        {
            var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeFile(path));

            Assert.Equal(ImageErrorKind.NotAnImage, error.Kind);
            Assert.Contains("HTML web page", error.Message, StringComparison.Ordinal);
            Assert.Contains("Accepted formats: JPEG and PNG.", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("Just some words about a movie.", "plain text")]
    [InlineData("{\"error\":\"rate limited\"}", "JSON")]
    [InlineData("%PDF-1.7\n", "a PDF document")]
    public void Text_and_documents_are_named_in_the_refusal(string content, string described)
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(Encoding.UTF8.GetBytes(content)));

        Assert.Equal(ImageErrorKind.NotAnImage, error.Kind);
        Assert.Contains($"looks like {described}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GIF89a\x01\x00\x01\x00", "GIF")]
    [InlineData("RIFF\x10\x00\x00\x00WEBPVP8 ", "WebP")]
    [InlineData("II*\0\x08\x00\x00\x00", "TIFF")]
    [InlineData("\0\0\0\x18" + "ftypheic\0\0\0\0", "HEIC/HEIF")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "SVG (vector)")]
    public void Other_image_formats_are_refused_as_unsupported(string content, string format)
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(Encoding.Latin1.GetBytes(content)));

        Assert.Equal(ImageErrorKind.Unsupported, error.Kind);
        Assert.Contains($"This is a {format} image", error.Message, StringComparison.Ordinal);
        Assert.Contains("JPEG and PNG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_binary_data_is_refused_with_its_first_bytes()
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.ReadHeader([0x00, 0x01, 0x02, 0x03, 0x04]));

        Assert.Equal(ImageErrorKind.NotAnImage, error.Kind);
        Assert.Contains("binary data starting with 00010203", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_cut_inside_the_signature_is_truncated()
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode([0xFF, 0xD8]));

        Assert.Equal(ImageErrorKind.Truncated, error.Kind);
    }
}
