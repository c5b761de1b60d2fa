package dev.ecommerce.core.source.thelook;

import java.util.List;

/**
 * The shop's fixed assortment: the 36 department/category pairs with the real dataset's product counts
 * (29,120 in all), a median retail price per category, and the words product names are made of.
 */
final class Catalog {

    record Category(String department, String name, int products, double medianPrice, List<String> nouns) {}

    static final List<Category> CATEGORIES = List.of(
            men("Jeans", 1117, 60, "Jeans", "Denim Jeans", "Slim Jeans"),
            men("Underwear", 1088, 18, "Boxer Briefs", "Trunks", "Briefs"),
            men("Tops & Tees", 1084, 24, "Tee", "Henley", "Polo"),
            men("Pants", 1041, 50, "Chinos", "Trousers", "Cargo Pants"),
            men("Sweaters", 999, 65, "Sweater", "Cardigan", "Pullover"),
            men("Fashion Hoodies & Sweatshirts", 971, 45, "Hoodie", "Sweatshirt", "Zip Hoodie"),
            men("Sleep & Lounge", 941, 35, "Pajama Set", "Lounge Pants", "Robe"),
            men("Shorts", 939, 35, "Shorts", "Cargo Shorts", "Board Shorts"),
            men("Swim", 906, 35, "Swim Trunks", "Board Shorts", "Rash Guard"),
            men("Socks", 905, 12, "Socks", "Crew Socks", "Dress Socks"),
            men("Outerwear & Coats", 828, 120, "Jacket", "Parka", "Peacoat"),
            men("Accessories", 820, 25, "Belt", "Cap", "Scarf"),
            men("Active", 753, 40, "Running Shirt", "Track Pants", "Training Shorts"),
            men("Suits & Sport Coats", 739, 220, "Suit", "Sport Coat", "Blazer"),
            women("Intimates", 2363, 22, "Bra", "Bralette", "Panty"),
            women("Dresses", 955, 70, "Dress", "Maxi Dress", "Wrap Dress"),
            women("Maternity", 898, 40, "Maternity Top", "Maternity Dress", "Nursing Tank"),
            women("Fashion Hoodies & Sweatshirts", 895, 45, "Hoodie", "Sweatshirt", "Pullover"),
            women("Swim", 892, 45, "Bikini", "Swimsuit", "Tankini"),
            women("Jeans", 882, 65, "Skinny Jeans", "Bootcut Jeans", "Boyfriend Jeans"),
            women("Sleep & Lounge", 830, 35, "Pajama Set", "Nightgown", "Lounge Pants"),
            women("Shorts", 826, 30, "Shorts", "Denim Shorts", "Bermuda Shorts"),
            women("Tops & Tees", 784, 28, "Tee", "Blouse", "Tank Top"),
            women("Plus", 758, 45, "Plus Tunic", "Plus Dress", "Plus Top"),
            women("Accessories", 739, 25, "Scarf", "Hat", "Handbag"),
            women("Sweaters", 738, 65, "Sweater", "Cardigan", "Turtleneck"),
            women("Active", 679, 40, "Sports Bra", "Yoga Pants", "Running Tank"),
            women("Socks & Hosiery", 666, 12, "Tights", "Socks", "Stockings"),
            women("Pants & Capris", 613, 50, "Capris", "Trousers", "Wide Leg Pants"),
            women("Outerwear & Coats", 592, 130, "Coat", "Puffer Jacket", "Trench Coat"),
            women("Leggings", 564, 28, "Leggings", "Printed Leggings", "Capri Leggings"),
            women("Blazers & Jackets", 561, 90, "Blazer", "Jacket", "Moto Jacket"),
            women("Skirts", 367, 40, "Skirt", "Pencil Skirt", "Mini Skirt"),
            women("Suits", 188, 180, "Pant Suit", "Skirt Suit", "Suit Jacket"),
            women("Jumpsuits & Rompers", 162, 55, "Jumpsuit", "Romper", "Overall"),
            women("Clothing Sets", 37, 60, "Two-Piece Set", "Lounge Set", "Matching Set"));

    static final List<String> BRANDS = List.of(
            "Allegra K",
            "Northbound",
            "Calloway",
            "Urban Thread",
            "Blue Harbor",
            "Cedar & Pine",
            "Fieldcraft",
            "Loomworks",
            "Marlow",
            "Seaside Co.",
            "Redwood",
            "Ironside",
            "Willow Lane",
            "Kestrel",
            "Oakhurst",
            "Polar Peak",
            "Riverstone",
            "Sundial",
            "Ashford",
            "Bellwether",
            "Copperline",
            "Driftwood",
            "Everly",
            "Foxglove",
            "Granite Row",
            "Hollis",
            "Juniper",
            "Larkspur",
            "Meridian",
            "Nightjar",
            "Orchard",
            "Pembrook",
            "Quarry",
            "Rosewood",
            "Saltmarsh",
            "Thistle",
            "Upland",
            "Vantage",
            "Westbrook",
            "Yarrow");

    static final List<String> ADJECTIVES = List.of(
            "Classic",
            "Essential",
            "Relaxed",
            "Slim Fit",
            "Vintage",
            "Premium",
            "Lightweight",
            "Cozy",
            "Stretch",
            "Organic Cotton",
            "Everyday",
            "Heritage",
            "Modern",
            "Soft",
            "Performance",
            "Printed",
            "Striped",
            "Textured",
            "Washed",
            "Tailored");

    private Catalog() {}

    private static Category men(String name, int products, double medianPrice, String... nouns) {
        return new Category("Men", name, products, medianPrice, List.of(nouns));
    }

    private static Category women(String name, int products, double medianPrice, String... nouns) {
        return new Category("Women", name, products, medianPrice, List.of(nouns));
    }
}
