// expect: error [FanOut/NotSendable] 'Order' (result of orders) is not Sendable: component 'lines' of 'Order' has type 'ArrayList<String>', which is mutable. Declare 'lines' as List<String> and copy it in the compact constructor of 'Order': lines = List.copyOf(lines)
// on: List<Order> orders(
// expect: error [FanOut/NotSendable] 'Customer' (result of customers) is not Sendable: component 'lines' of 'Order' (reached through Customer.lastOrder) has type 'ArrayList<String>', which is mutable. Declare 'lines' as List<String>
// on: List<Customer> customers(
// expect: error [FanOut/NotSendable] 'lines' makes 'Order' not Sendable, so it cannot be a child's result or part of one: it has type 'ArrayList<String>', which is mutable. Declare 'lines' as List<String>
// on: ArrayList<String> lines)
package test;

import dev.fanout.annotation.*;
import java.util.*;

// Order and Customer refer to each other. Order is checked first: while it is being decided,
// Customer meets Order again and must not be remembered as Sendable on that assumption.
record Order(
    Customer customer,
    ArrayList<String> lines) {}

record Customer(
    String name,
    Order lastOrder) {}

interface S {
  Order order(String id);

  Customer customer(String id);

  @FanOut(using = "order")
  List<Order> orders(List<String> ids);

  @FanOut(using = "customer")
  List<Customer> customers(List<String> ids);
}
