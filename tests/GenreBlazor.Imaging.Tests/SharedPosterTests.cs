namespace GenreBlazor.Imaging.Tests;

public class SharedPosterTests
{
    [SharedPostersFact]
    public void Real_posters_decode_to_their_header_size_and_resize_to_model_input()
    {
        foreach (var path in SharedPosters.Sample(25))
        {
            var encoded = File.ReadAllBytes(path);

            var header = ImageDecoder.ReadHeader(encoded);
            var image = ImageDecoder.Decode(encoded, targetMinSide: 224);
            var input = image.Resize(224, 224);

            Assert.Equal(ImageFormat.Jpeg, header.Format);
            Assert.Equal((header.Width, header.Height), (image.Width, image.Height));
            Assert.InRange(image.Width, 100, 1000);
            Assert.Equal(224 * 224 * 3, input.Pixels.Length);
            // A real poster is not one flat colour.
            Assert.True(input.Pixels.Distinct().Count() > 16, $"{Path.GetFileName(path)} decoded to a near-constant image");
        }
    }

    [SharedPostersFact]
    public void The_poster_crops_the_model_tries_have_the_input_size()
    {
        var image = ImageDecoder.DecodeFile(SharedPosters.Sample(1)[0], targetMinSide: 224);

        RgbImage[] crops =
        [
            image.Resize(224, 224),
            image.CropSquare(SquareAnchor.Start).Resize(224, 224),
            image.CropSquare(SquareAnchor.Centre).Resize(224, 224),
        ];

        Assert.All(crops, crop => Assert.Equal((224, 224), (crop.Width, crop.Height)));
        Assert.NotEqual(crops[1].Pixels, crops[2].Pixels);
    }
}
