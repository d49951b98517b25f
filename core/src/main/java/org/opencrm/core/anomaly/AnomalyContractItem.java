package org.opencrm.core.anomaly;

import java.time.LocalDate;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** One contract of an anomaly, nested in its item; the date an ISO string, the amount fen. */
@DynamoDbBean
public class AnomalyContractItem {

    private String contractId;
    private String contractNumber;
    private String signedOn;
    private Long amountFen;

    static AnomalyContractItem from(SignedContract contract) {
        AnomalyContractItem item = new AnomalyContractItem();
        item.contractId = contract.contractId();
        item.contractNumber = contract.contractNumber();
        item.signedOn = contract.signedOn().toString();
        item.amountFen = contract.amountFen();
        return item;
    }

    SignedContract toContract() {
        return new SignedContract(
                contractId,
                contractNumber,
                LocalDate.parse(signedOn),
                amountFen == null ? 0 : amountFen);
    }

    public String getContractId() {
        return contractId;
    }

    public void setContractId(String contractId) {
        this.contractId = contractId;
    }

    public String getContractNumber() {
        return contractNumber;
    }

    public void setContractNumber(String contractNumber) {
        this.contractNumber = contractNumber;
    }

    public String getSignedOn() {
        return signedOn;
    }

    public void setSignedOn(String signedOn) {
        this.signedOn = signedOn;
    }

    public Long getAmountFen() {
        return amountFen;
    }

    public void setAmountFen(Long amountFen) {
        this.amountFen = amountFen;
    }
}
