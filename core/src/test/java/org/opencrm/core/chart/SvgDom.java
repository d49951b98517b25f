package org.opencrm.core.chart;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** An SVG document parsed with the JDK's XML parser, read by element class. */
final class SvgDom {

    private final Document document;

    private SvgDom(Document document) {
        this.document = document;
    }

    static SvgDom parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return new SvgDom(
                factory.newDocumentBuilder()
                        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
    }

    Element root() {
        return document.getDocumentElement();
    }

    /** The elements whose class attribute is {@code type}, in document order. */
    List<Element> ofClass(String type) {
        NodeList all = document.getElementsByTagNameNS("*", "*");
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (type.equals(element.getAttribute("class"))) {
                found.add(element);
            }
        }
        return found;
    }

    List<String> textsOf(String type) {
        return ofClass(type).stream().map(Element::getTextContent).toList();
    }

    Element bar(String series, String category) {
        return ofClass("bar").stream()
                .filter(bar -> bar.getAttribute("data-series").equals(series))
                .filter(bar -> bar.getAttribute("data-category").equals(category))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bar " + series + " " + category));
    }

    static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }
}
