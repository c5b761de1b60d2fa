package dev.ecommerce.core.source.thelook;

import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.schema.TableBatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What the generator draws from: the shipped places ({@code world_pop.csv}, weighted by population), the
 * 10 distribution centres, name lists, and the seeded product catalogue (29,120 products). Immutable and
 * shared by all generator threads.
 */
final class ReferenceData {

    static final String RESOURCES = "/dev/ecommerce/core/source/thelook/";
    /** Sixteen upper-case hex digits per long, as {@code %016X} formats it, without the formatter's cost. */
    private static final HexFormat SKU_HEX = HexFormat.of().withUpperCase();

    record Place(String country, String state, String city, String postalCode, double latitude, double longitude) {}

    record DistributionCenter(long id, String name, double latitude, double longitude) {}

    record Product(
            long id,
            double cost,
            String category,
            String name,
            String brand,
            double retailPrice,
            String department,
            String sku,
            long distributionCenterId,
            String productUri,
            String departmentUri) {

        /**
         * Writes cost, category, name, brand, retail price, department, SKU and distribution centre, in that
         * order from {@code column}: products and inventory_items carry the same eight columns.
         */
        void writeDetails(TableBatch batch, int row, int column) {
            batch.setDouble(column, row, cost);
            batch.setString(column + 1, row, category);
            batch.setString(column + 2, row, name);
            batch.setString(column + 3, row, brand);
            batch.setDouble(column + 4, row, retailPrice);
            batch.setString(column + 5, row, department);
            batch.setString(column + 6, row, sku);
            batch.setLong(column + 7, row, distributionCenterId);
        }
    }

    final Place[] places;
    final String[] placeGeoms;
    private final long[] cumulativePopulation;
    final List<DistributionCenter> distributionCenters;
    final String[] maleFirstNames;
    final String[] femaleFirstNames;
    final String[] lastNames;
    final Product[] products;
    final Product[] menProducts;
    final Product[] womenProducts;

    private ReferenceData(long seed) {
        List<String[]> rows = readCsv("world_pop.csv");
        places = new Place[rows.size()];
        placeGeoms = new String[rows.size()];
        cumulativePopulation = new long[rows.size()];
        long total = 0;
        for (int i = 0; i < places.length; i++) {
            String[] r = rows.get(i);
            places[i] = new Place(r[0], r[1], r[2], r[3], Double.parseDouble(r[4]), Double.parseDouble(r[5]));
            placeGeoms[i] = point(places[i].longitude(), places[i].latitude());
            total += Long.parseLong(r[6]);
            cumulativePopulation[i] = total;
        }
        distributionCenters = readCsv("distribution_centers.csv").stream()
                .map(r -> new DistributionCenter(
                        Long.parseLong(r[0]), r[1], Double.parseDouble(r[2]), Double.parseDouble(r[3])))
                .toList();
        maleFirstNames = readLines("first_names_male.txt");
        femaleFirstNames = readLines("first_names_female.txt");
        lastNames = readLines("last_names.txt");
        products = buildProducts(new SplittableRandom(Streams.seed(seed, Streams.PRODUCTS, 0)));
        menProducts = Arrays.stream(products)
                .filter(p -> p.department().equals("Men"))
                .toArray(Product[]::new);
        womenProducts = Arrays.stream(products)
                .filter(p -> p.department().equals("Women"))
                .toArray(Product[]::new);
    }

    static ReferenceData load(long seed) {
        return new ReferenceData(seed);
    }

    /**
     * The draw of a place with probability proportional to its population; {@link #placeAt} finds the place, so
     * that a row not written does not pay for the search.
     */
    long drawPlace(SplittableRandom random) {
        return random.nextLong(cumulativePopulation[cumulativePopulation.length - 1]);
    }

    /** The index of the place a {@link #drawPlace} draw picked. */
    int placeAt(long draw) {
        int index = Arrays.binarySearch(cumulativePopulation, draw + 1);
        return index >= 0 ? index : -index - 1;
    }

    /** WKT point, longitude first, as BigQuery renders GEOGRAPHY. */
    static String point(double longitude, double latitude) {
        return "POINT(" + longitude + " " + latitude + ")";
    }

    private Product[] buildProducts(SplittableRandom random) {
        List<Product> list = new ArrayList<>(29_120);
        long id = 1;
        for (Catalog.Category category : Catalog.CATEGORIES) {
            for (int i = 0; i < category.products(); i++, id++) {
                String brand = Catalog.BRANDS.get(random.nextInt(Catalog.BRANDS.size()));
                String name = brand + " " + Catalog.ADJECTIVES.get(random.nextInt(Catalog.ADJECTIVES.size())) + " "
                        + category.nouns().get(random.nextInt(category.nouns().size()));
                // Log-normal around the category's median, clipped to the dataset's $1.50..$999 range.
                double price = category.medianPrice() * StrictMath.exp(0.6 * Streams.gaussian(random));
                double retail = Math.round(Math.min(999.0, Math.max(1.5, price)) * 100.0) / 100.0;
                double cost = Math.round(retail * (0.38 + 0.24 * random.nextDouble()) * 10_000.0) / 10_000.0;
                String sku = SKU_HEX.toHexDigits(random.nextLong()) + SKU_HEX.toHexDigits(random.nextLong());
                long dc = 1 + random.nextInt(distributionCenters.size());
                String departmentUri = ("/department/" + category.department() + "/category/" + category.name()
                                + "/brand/" + brand)
                        .toLowerCase(Locale.ROOT)
                        .replace(" ", "");
                list.add(new Product(
                        id,
                        cost,
                        category.name(),
                        name,
                        brand,
                        retail,
                        category.department(),
                        sku,
                        dc,
                        "/product/" + id,
                        departmentUri));
            }
        }
        return list.toArray(Product[]::new);
    }

    private static List<String[]> readCsv(String name) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = open(name)) {
            reader.readLine(); // header
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read the generator resource " + name, e);
        }
        return rows;
    }

    private static String[] readLines(String name) {
        try (BufferedReader reader = open(name)) {
            return reader.lines().map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read the generator resource " + name, e);
        }
    }

    private static BufferedReader open(String name) {
        InputStream in = ReferenceData.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new InfrastructureException("The generator resource " + name + " is missing from the jar", null);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
